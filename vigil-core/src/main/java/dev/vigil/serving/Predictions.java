package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;

/**
 * A model's outputs for a batch: {@link #rows()} rows of {@link #width()} doubles, row-major. The
 * meaning of each column is given by the model's {@link Signature}.
 *
 * <p>A predictor may attach the table its model actually took ({@link #withModelInput}): a served
 * version attaches its fitted feature pipeline's output, so that the prediction log can record the
 * pipeline output beside the raw request without transforming twice or copying anything.
 */
public final class Predictions {
  private final int rows;
  private final int width;
  private final double[] values;
  private final dev.vigil.data.Table modelInput;

  private Predictions(int rows, int width, double[] values) {
    this(rows, width, values, null);
  }

  private Predictions(int rows, int width, double[] values, dev.vigil.data.Table modelInput) {
    this.rows = rows;
    this.width = width;
    this.values = values;
    this.modelInput = modelInput;
  }

  /** Wraps {@code values} (row-major, length rows x width) without copying. */
  public static Predictions of(int rows, int width, double[] values) {
    InvalidArgumentException.check(rows >= 0 && width >= 1 && values.length == (long) rows * width,
        "predictions: %d values for %d rows x %d outputs", values.length, rows, width);
    return new Predictions(rows, width, values);
  }

  /** One output per row. */
  public static Predictions single(double... values) {
    return new Predictions(values.length, 1, values.clone());
  }

  /** Binary probabilities [1 - p, p] per row from positive-class probabilities {@code p}. */
  public static Predictions binary(double... p) {
    double[] v = new double[p.length * 2];
    for (int i = 0; i < p.length; i++) {
      v[2 * i] = 1 - p[i];
      v[2 * i + 1] = p[i];
    }
    return new Predictions(p.length, 2, v);
  }

  /**
   * These predictions with {@code input} attached as the model's input (the feature pipeline's output
   * for a served version). Shares the values and the table: nothing is copied (tables are immutable).
   *
   * @param input the table the model took, one row per prediction row; null to attach none
   * @throws InvalidArgumentException when {@code input} has a different number of rows
   */
  public Predictions withModelInput(dev.vigil.data.Table input) {
    InvalidArgumentException.check(input == null || input.rowCount() == rows,
        "model input of %d rows for %d prediction rows", input == null ? 0 : input.rowCount(), rows);
    return new Predictions(rows, width, values, input);
  }

  /** The table the model took, if its predictor attached it ({@link #withModelInput}); else null. */
  public dev.vigil.data.Table modelInput() {
    return modelInput;
  }

  public int rows() {
    return rows;
  }

  public int width() {
    return width;
  }

  public double value(int row, int output) {
    if (row < 0 || row >= rows || output < 0 || output >= width) {
      throw new IndexOutOfBoundsException("(" + row + ", " + output + ") outside " + rows + " x " + width);
    }
    return values[row * width + output];
  }

  /** A copy of row {@code row}. */
  public double[] row(int row) {
    return Arrays.copyOfRange(values, row * width, row * width + width);
  }

  /** The index of the largest output of {@code row} (lowest index on ties). */
  public int argmax(int row) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      if (value(row, j) > value(row, best)) {
        best = j;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "Predictions[" + rows + " x " + width + "]";
  }
}
