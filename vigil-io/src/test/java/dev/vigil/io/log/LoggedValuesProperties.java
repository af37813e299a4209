package dev.vigil.io.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.data.BooleanColumn;
import dev.vigil.data.Column;
import dev.vigil.data.ColumnBuilder;
import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.LongColumn;
import dev.vigil.data.Table;
import dev.vigil.data.TimestampColumn;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the request's columns (every type, missing values anywhere), its pipeline output and its
 * number of outputs, the log reads back exactly the values the model answered on: the rows are
 * copied into flat arrays on the request thread ({@link LogRows}) and appended from those by the
 * writer, so this checks that copy and its slots, missing bits and strides.
 */
class LoggedValuesProperties {
  private static final ColumnType[] TYPES = ColumnType.values();

  private static Table table(Random r, String prefix, int columns, int rows, boolean doubles) {
    List<Column> cols = new ArrayList<>();
    for (int j = 0; j < columns; j++) {
      ColumnType type = doubles ? ColumnType.DOUBLE : TYPES[r.nextInt(TYPES.length)];
      String name = prefix + j;
      if (type == ColumnType.TIMESTAMP) {
        long[] micros = new long[rows];
        boolean[] missing = new boolean[rows];
        for (int i = 0; i < rows; i++) {
          micros[i] = 1_700_000_000_000_000L + r.nextInt(1_000_000_000);
          missing[i] = r.nextInt(4) == 0;
        }
        cols.add(TimestampColumn.of(name, micros, missing, ZoneOffset.UTC));
        continue;
      }
      ColumnBuilder b = ColumnBuilder.of(name, type);
      for (int i = 0; i < rows; i++) {
        if (r.nextInt(4) == 0) {
          b.addMissing();
          continue;
        }
        switch (type) {
          case DOUBLE -> b.addObject(r.nextGaussian() * 1e3);
          case LONG -> b.addObject(r.nextLong());
          case BOOLEAN -> b.addObject(r.nextBoolean());
          default -> b.addObject("v" + r.nextInt(5) + (r.nextBoolean() ? "é" : ""));
        }
      }
      cols.add(b.build());
    }
    return Table.of(cols);
  }

  @Property(tries = 16)
  void theLogReadsBackTheValuesAnswered(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
      @ForAll @IntRange(min = 1, max = 7) int features, @ForAll @IntRange(min = 0, max = 4) int pipeColumns,
      @ForAll @IntRange(min = 1, max = 3) int width, @ForAll boolean doublePipe) throws Exception {
    Random r = new Random(seed);
    Table f = table(r, "f", features, rows, false);
    // An all-double pipeline output (what fitted pipelines give) is held as one packed array column.
    Table pipe = pipeColumns == 0 ? null : table(r, "p", pipeColumns, rows, doublePipe);
    double[] v = new double[rows * width];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble();
    }
    Predictions out = Predictions.of(rows, width, v);
    if (pipe != null) {
      out = out.withModelInput(pipe);
    }
    Path dir = Files.createTempDirectory("vigil-logged-values");
    PredictionLogger log = new PredictionLogger(PredictionLogOptions.defaults(dir), "m");
    log.onResponse(Request.of("q", f), new Response(out, new ModelRef("m", "1"), Route.PRIMARY, Duration.ofMillis(1), List.of()));
    log.close();
    assertThat(log.written()).isEqualTo(rows);
    Table back = PredictionLogs.read(dir, "m");
    assertThat(back.rowCount()).isEqualTo(rows);
    for (int i = 0; i < rows; i++) {
      int row = (int) ((LongColumn) back.column("row")).get(i);
      for (Column c : f.columns()) {
        same(c, row, back.column(c.name()), i);
      }
      if (pipe != null) {
        for (Column c : pipe.columns()) {
          same(c, row, back.column("pipe_" + c.name()), i);
        }
      }
      for (int k = 0; k < width; k++) {
        assertThat(((DoubleColumn) back.column("out_" + k)).get(i)).isEqualTo(out.value(row, k));
      }
    }
  }

  private static void same(Column sent, int i, Column logged, int j) {
    String where = sent.name() + " row " + i;
    assertThat(logged.isMissing(j)).as(where).isEqualTo(sent.isMissing(i));
    if (sent.isMissing(i)) {
      return;
    }
    switch (sent.type()) {
      case DOUBLE -> assertThat(((DoubleColumn) logged).get(j)).as(where).isEqualTo(((DoubleColumn) sent).get(i));
      case LONG -> assertThat(((LongColumn) logged).get(j)).as(where).isEqualTo(((LongColumn) sent).get(i));
      case BOOLEAN -> assertThat(((BooleanColumn) logged).get(j)).as(where).isEqualTo(((BooleanColumn) sent).get(i));
      case TIMESTAMP -> assertThat(((TimestampColumn) logged).getMicros(j)).as(where)
          .isEqualTo(((TimestampColumn) sent).getMicros(i));
      default -> assertThat(String.valueOf(logged.getObject(j))).as(where).isEqualTo(String.valueOf(sent.getObject(i)));
    }
  }
}
