package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.StringColumn;
import dev.vigil.data.Table;
import dev.vigil.io.log.PredictionLogs;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/labels} with {@code {"labels": [{"request_id": "...", "row": 0, "label": 1}]}}
 * ({@code row} defaults to 0; {@code label} is a number or boolean): stored beside the prediction log
 * and joined to logged predictions by request id. Answers {@code {"added": n, "file": "..."}}.
 */
public final class LabelsModule implements ServerModule {
  private final Path logDir;
  private final Clock clock;

  public LabelsModule(Path logDir, Clock clock) {
    this.logDir = logDir;
    this.clock = clock;
  }

  @Override
  public void register(Javalin app) {
    app.post("/api/v1/labels", ctx -> {
      JsonNode body = Json.read(ctx.body());
      JsonNode labels = body.get("labels");
      List<RequestValidationException.FieldProblem> problems = new ArrayList<>();
      if (labels == null || !labels.isArray() || labels.isEmpty()) {
        throw new RequestValidationException("bad request",
            List.of(new RequestValidationException.FieldProblem("labels", "expected a non-empty array")));
      }
      StringColumn.Builder id = StringColumn.builder("request_id");
      LongColumn.Builder row = LongColumn.builder("row");
      DoubleColumn.Builder y = DoubleColumn.builder("label");
      int i = 0;
      for (JsonNode l : labels) {
        String at = "labels[" + i++ + "]";
        JsonNode rid = l.get("request_id");
        JsonNode r = l.get("row");
        JsonNode v = l.get("label");
        if (rid == null || !rid.isTextual() || rid.asText().isEmpty()) {
          problems.add(new RequestValidationException.FieldProblem(at + ".request_id", "expected a non-empty string"));
        }
        if (r != null && !r.canConvertToExactIntegral()) {
          problems.add(new RequestValidationException.FieldProblem(at + ".row", "expected an integer"));
        }
        if (v == null || !(v.isNumber() || v.isBoolean())) {
          problems.add(new RequestValidationException.FieldProblem(at + ".label", "expected a number or boolean"));
        }
        if (problems.isEmpty()) {
          id.add(rid.asText());
          row.add(r == null ? 0 : r.asLong());
          y.add(v.isBoolean() ? (v.asBoolean() ? 1 : 0) : v.asDouble());
        }
      }
      if (!problems.isEmpty()) {
        throw new RequestValidationException("invalid labels", problems);
      }
      Path file = PredictionLogs.addLabels(logDir, Table.of(id.build(), row.build(), y.build()), clock);
      ctx.status(201).json(Map.of("added", labels.size(), "file", file.toString()));
    });
  }
}
