package dev.vigil.bench;

import dev.vigil.data.ColumnType;
import dev.vigil.data.DoubleColumn;
import dev.vigil.data.Field;
import dev.vigil.data.Table;
import dev.vigil.io.log.PredictionLogOptions;
import dev.vigil.io.log.PredictionLogger;
import dev.vigil.serving.ModelRef;
import dev.vigil.serving.Predictions;
import dev.vigil.serving.Predictor;
import dev.vigil.serving.Request;
import dev.vigil.serving.Router;
import dev.vigil.serving.Served;
import dev.vigil.serving.Signature;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Vigil's own cost around a model: a 20-feature logistic regression called directly, through the
 * router (validation of outputs, breaker, fallback chain), and through the router with the
 * prediction log on.
 *
 * <p>Run: {@code java -jar vigil-bench/target/vigil-bench.jar RouterOverheadBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterOverheadBench {
  /** A 20-feature logistic regression: the "small model" of the serving issue. */
  static final class Logistic implements Predictor {
    final double[] w = new double[20];
    final Signature sig;

    Logistic() {
      List<Field> in = new ArrayList<>();
      for (int j = 0; j < 20; j++) {
        w[j] = 0.05 * (j - 10);
        in.add(Field.of("x" + j, ColumnType.DOUBLE));
      }
      sig = new Signature(in, Signature.OutputKind.PROBABILITIES, List.of("0", "1"));
    }

    @Override
    public Signature signature() {
      return sig;
    }

    @Override
    public Predictions predict(Table t) {
      double[] p = new double[t.rowCount()];
      DoubleColumn[] cols = new DoubleColumn[20];
      for (int j = 0; j < 20; j++) {
        cols[j] = (DoubleColumn) t.column(j);
      }
      for (int i = 0; i < p.length; i++) {
        double z = 0.1;
        for (int j = 0; j < 20; j++) {
          z += w[j] * cols[j].get(i);
        }
        p[i] = 1 / (1 + Math.exp(-z));
      }
      return Predictions.binary(p);
    }
  }

  Logistic model;
  Router router;
  Router logged;
  PredictionLogger log;
  Table row;
  long n;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    model = new Logistic();
    List<dev.vigil.data.Column> cols = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      cols.add(DoubleColumn.of("x" + j, 0.1 * j));
    }
    row = Table.of(cols);
    router = Router.builder(new Served(new ModelRef("m", "2"), model))
        .fallback(new Served(new ModelRef("m", "1"), new Logistic())).build();
    log = new PredictionLogger(PredictionLogOptions.defaults(Files.createTempDirectory("vigil-bench-log")), "m");
    logged = Router.builder(new Served(new ModelRef("m", "2"), model))
        .fallback(new Served(new ModelRef("m", "1"), new Logistic())).listener(log).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    router.close();
    logged.close();
    log.close();
  }

  @Benchmark
  public Predictions direct() {
    return model.predict(row);
  }

  @Benchmark
  public Object routed() {
    return router.predict(Request.of("r", row));
  }

  @Benchmark
  public Object routedAndLogged() {
    return logged.predict(Request.of("r" + (n++), row));
  }
}
