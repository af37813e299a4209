package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.StoreException;
import dev.vigil.data.Synthetic;
import dev.vigil.data.Table;
import dev.vigil.io.Tables;
import dev.vigil.models.Gates;
import dev.vigil.registry.AliasEvent;
import dev.vigil.registry.Registry;
import dev.vigil.server.ReloadMetrics;
import dev.vigil.serving.Request;
import dev.vigil.serving.Response;
import dev.vigil.serving.Route;
import dev.vigil.serving.Router;
import dev.vigil.store.Store;
import dev.vigil.store.StoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary promoted while the store is unreachable keeps serving; the failed write is printed and
 * counted, retried at each reload, and recorded (champion and backup moved, audit log written) once
 * the store is back.
 */
class LiveModelTest {
  @TempDir Path dir;

  @Test
  void promotionDuringAStoreOutageKeepsServingAndIsRecordedWhenTheStoreIsBack() throws Exception {
    String home = dir.resolve("home").toString();
    for (int seed = 1; seed <= 2; seed++) {
      Path data = dir.resolve("scans-" + seed + ".parquet");
      Tables.write(Synthetic.hospitalScans(300, seed), data);
      CliRunner.Result r = CliRunner.run("train", data.toString(), "--label", "malignant", "--model", "logistic",
          "--drop", "scan_id,patient_id,scan_time", "--register", "nodules", "--home", home);
      assertThat(r.code()).as(r.err()).isZero();
    }
    assertThat(CliRunner.run("models", "alias", "nodules", "champion", "1", "--home", home).code()).isZero();
    AtomicBoolean down = new AtomicBoolean();
    try (Store store = Store.open(StoreOptions.embedded(Path.of(home)))) {
      Registry real = store.registry();
      Registry flaky = (Registry) Proxy.newProxyInstance(Registry.class.getClassLoader(), new Class<?>[] {Registry.class},
          (proxy, method, args) -> {
            if (down.get()) {
              throw new StoreException("connection refused (test outage)");
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      ServeConfig.Model config = new ServeConfig.Model("nodules", ServeConfig.Ref.alias("champion"),
          List.of(ServeConfig.Ref.alias("backup")), Duration.ofSeconds(5), null, new ServeConfig.Breaker(5, Duration.ofSeconds(30)),
          null, new ServeConfig.Canary(new ServeConfig.Ref(null, 2L), 1.0, "X-Vigil-Key",
              new ServeConfig.Gates(3, 6, 0, Duration.ofSeconds(60), 1, 0, 1000, 1)));
      ReloadMetrics metrics = new ReloadMetrics();
      StringWriter errText = new StringWriter();
      PrintWriter err = new PrintWriter(errText, true);
      LiveModel live = new LiveModel(config, flaky, metrics, err, Runnable::run, Gates.Budget.defaults());
      Router router = live.builder().listener(live.canaryListener()).build();
      live.attach(router);
      try {
        Table features = Synthetic.hospitalScans(4, 7).drop("malignant");
        down.set(true);
        for (int i = 0; i < 50 && !router.primary().version().equals("2"); i++) {
          router.predict(Request.of("r" + i, features));
          router.awaitBackground(Duration.ofSeconds(10));
        }
        assertThat(router.primary().version()).as("promoted in memory").isEqualTo("2");
        Response r = router.predict(Request.of("during", features));
        assertThat(r.route()).isEqualTo(Route.PRIMARY);
        assertThat(r.answeredBy().version()).isEqualTo("2");
        assertThat(metrics.render()).contains("vigil_canary_promotion_writes_total{model=\"nodules\",version=\"2\",outcome=\"failed\"} 1");
        assertThat(errText.toString()).contains("cannot record the canary promotion nodules@champion -> version 2 in the registry yet");

        assertThatThrownBy(live::reload).isInstanceOf(StoreException.class);
        assertThat(metrics.render())
            .contains("vigil_canary_promotion_writes_total{model=\"nodules\",version=\"2\",outcome=\"failed\"} 2");
        assertThat(router.primary().version()).isEqualTo("2");
        assertThat(real.resolveAlias("nodules", "champion")).as("nothing written during the outage").isEqualTo(1);

        down.set(false);
        live.reload();
        assertThat(metrics.render()).contains("vigil_canary_promotion_writes_total{model=\"nodules\",version=\"2\",outcome=\"recorded\"} 1");
        assertThat(real.resolveAlias("nodules", "champion")).isEqualTo(2);
        assertThat(real.resolveAlias("nodules", "backup")).isEqualTo(1);
        List<AliasEvent> h = real.history("nodules");
        assertThat(h.get(h.size() - 2).actor()).isEqualTo("vigil-serve");
        assertThat(h.get(h.size() - 2).toVersion().getAsLong()).isEqualTo(2);
        live.reload();
        assertThat(router.primary().version()).as("a reload after the write keeps the promoted version").isEqualTo("2");
        assertThat(errText.toString()).contains("nodules fallbacks are now [1]");
        assertThat(router.predict(Request.of("after", features)).answeredBy().version()).isEqualTo("2");
      } finally {
        router.close();
      }
    }
  }
}
