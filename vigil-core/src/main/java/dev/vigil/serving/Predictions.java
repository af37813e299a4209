package dev.vigil.serving;

import dev.vigil.InvalidArgumentException;
import java.util.Arrays;

/**
 * A model's outputs for a batch: {@link #rows()} rows of {@link #width()} doubles, row-major. The
 * meaning of each column is given by the model's {@link Signature}.
 */
public final class Predictions {
  private final int rows;
  private final int width;
  private final double[] values;

  private Predictions(int rows, int width, double[] values) {
    this.rows = rows;
    this.width = width;
    this.values = values;
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
