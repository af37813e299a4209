package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnType;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a model takes and gives. Inputs are named, typed fields (a field that is not nullable must
 * have no missing value); the output is one row of {@link #outputNames()} values per input row.
 *
 * <p>For {@link OutputKind#PROBABILITIES} the outputs are the class probabilities in the order of
 * {@link #outputNames()} (the class labels): each in [0, 1] and summing to 1 within 1e-6. For
 * {@link OutputKind#SCORE} each output is in [0, 1]. For {@link OutputKind#REGRESSION} each output is
 * any finite double.
 *
 * @param inputs the input fields, in order
 * @param kind what the outputs mean
 * @param outputNames output names (class labels for probabilities), at least one
 */
public record Signature(List<Field> inputs, OutputKind kind, List<String> outputNames) {
  /** What a model's outputs mean. */
  public enum OutputKind { PROBABILITIES, SCORE, REGRESSION }

  public Signature {
    inputs = List.copyOf(inputs);
    outputNames = List.copyOf(outputNames);
    InvalidArgumentException.check(!outputNames.isEmpty(), "a signature needs at least one output");
  }

  /** One problem with a request, naming the field. */
  public record FieldError(String field, String message) {}

  /**
   * The problems of {@code features} against the inputs: missing fields, wrong types (a long is
   * accepted for a double), missing values in a non-nullable field. Extra columns are ignored.
   */
  public List<FieldError> validate(Table features) {
    List<FieldError> errors = new ArrayList<>();
    for (Field f : inputs) {
      if (!features.hasColumn(f.name())) {
        errors.add(new FieldError(f.name(), "required field is missing"));
        continue;
      }
      Column c = features.column(f.name());
      boolean ok = c.type() == f.type() || (f.type() == ColumnType.DOUBLE && c.type() == ColumnType.LONG)
          || (f.type() == ColumnType.CATEGORICAL && c.type() == ColumnType.STRING)
          || (f.type() == ColumnType.STRING && c.type() == ColumnType.CATEGORICAL);
      if (!ok) {
        errors.add(new FieldError(f.name(), "expected " + f.type().jsonName() + ", found " + c.type().jsonName()));
      } else if (!f.nullable() && c.hasMissing()) {
        errors.add(new FieldError(f.name(), String.format(Locale.ROOT,
            "must not be missing (missing in %d of %d rows)", c.missingCount(), c.size())));
      }
    }
    return errors;
  }

  /**
   * Why {@code p} is not a valid output for {@code rows} input rows, or null when it is: wrong
   * shape, NaN or infinite values, probabilities out of [0, 1] or not summing to 1.
   */
  public String invalidOutput(Predictions p, int rows) {
    if (p == null) {
      return "no output";
    }
    if (p.rows() != rows || p.width() != outputNames.size()) {
      return String.format(Locale.ROOT, "expected %d x %d outputs, got %d x %d", rows, outputNames.size(), p.rows(), p.width());
    }
    for (int i = 0; i < p.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < p.width(); j++) {
        double v = p.value(i, j);
        if (!Double.isFinite(v)) {
          return String.format(Locale.ROOT, "row %d output %s is %s", i, outputNames.get(j), v);
        }
        if (kind != OutputKind.REGRESSION && (v < 0 || v > 1)) {
          return String.format(Locale.ROOT, "row %d output %s = %s is not a probability", i, outputNames.get(j), v);
        }
        sum += v;
      }
      if (kind == OutputKind.PROBABILITIES && Math.abs(sum - 1) > 1e-6) {
        return String.format(Locale.ROOT, "row %d probabilities sum to %s, not 1", i, sum);
      }
    }
    return null;
  }
}
