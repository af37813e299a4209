package dev.vigil.server;

import dev.vigil.InvalidArgumentException;
import java.util.List;

/** A request body failed validation; each field error names the field (JSON path) and the problem. */
public class RequestValidationException extends InvalidArgumentException {
  private static final long serialVersionUID = 1L;

  /** One problem with one field of a request. */
  public record FieldProblem(String field, String message) {}

  private final transient List<FieldProblem> problems;

  public RequestValidationException(String message, List<FieldProblem> problems) {
    super(message + ": " + problems.stream().map(p -> p.field() + ": " + p.message()).limit(5)
        .reduce((a, b) -> a + "; " + b).orElse(""));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
