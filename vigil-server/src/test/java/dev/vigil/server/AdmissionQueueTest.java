package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {
  private static Runnable named(String name, long queuedAt) {
    Runnable r = new Runnable() {
      @Override
      public void run() {}

      @Override
      public String toString() {
        return name;
      }
    };
    return new HttpAdmission.Stamped(r, queuedAt);
  }

  @Test
  void freshJobsAreTakenNewestFirst() throws Exception {
    AdmissionQueue q = new AdmissionQueue(16, TimeUnit.SECONDS.toNanos(60));
    long now = System.nanoTime();
    for (String n : List.of("a", "b", "c")) {
      assertThat(q.offer(named(n, now))).isTrue();
    }
    assertThat(List.of(q.poll().toString(), q.take().toString(), q.poll(1, TimeUnit.MILLISECONDS).toString()))
        .containsExactly("c", "b", "a");
    assertThat(q.poll()).isNull();
  }

  @Test
  void staleJobsGetEverySecondTakeOldestFirst() {
    AdmissionQueue q = new AdmissionQueue(16, TimeUnit.MILLISECONDS.toNanos(50));
    long now = System.nanoTime();
    long old = now - TimeUnit.SECONDS.toNanos(1);
    q.offer(named("stale1", old));
    q.offer(named("stale2", old + 1));
    q.offer(named("fresh1", now));
    q.offer(named("fresh2", now));
    List<String> order = new ArrayList<>();
    for (Runnable r; (r = q.poll()) != null; ) {
      order.add(r.toString());
    }
    assertThat(order).containsExactly("stale1", "fresh2", "stale2", "fresh1");
  }

  @Test
  void theQueueIsBounded() {
    AdmissionQueue q = new AdmissionQueue(2, 0);
    long now = System.nanoTime();
    assertThat(q.offer(named("a", now))).isTrue();
    assertThat(q.offer(named("b", now))).isTrue();
    assertThat(q.offer(named("c", now))).isFalse();
  }
}
