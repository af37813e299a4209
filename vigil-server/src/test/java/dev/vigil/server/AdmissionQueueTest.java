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

  /** A queue put in its overload mode: a backlog older than the 5 ms target for a whole interval. */
  private static AdmissionQueue overloaded(long maxWait) {
    long t0 = System.nanoTime();
    AdmissionQueue q = new AdmissionQueue(16, maxWait, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(100));
    q.observe(TimeUnit.MILLISECONDS.toNanos(10), false, t0 + TimeUnit.SECONDS.toNanos(1));
    assertThat(q.overloaded()).isTrue();
    return q;
  }

  @Test
  void freshJobsAreTakenNewestFirst() throws Exception {
    AdmissionQueue q = overloaded(TimeUnit.SECONDS.toNanos(60));
    long now = System.nanoTime();
    for (String n : List.of("a", "b", "c")) {
      assertThat(q.offer(named(n, now))).isTrue();
    }
    assertThat(List.of(q.poll().toString(), q.take().toString(), q.poll(1, TimeUnit.MILLISECONDS).toString()))
        .containsExactly("c", "b", "a");
    assertThat(q.poll()).isNull();
  }

  @Test
  void underOverloadStaleJobsGetEverySecondTakeOldestFirst() {
    AdmissionQueue q = overloaded(TimeUnit.MILLISECONDS.toNanos(50));
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

  private static long ms(long n) {
    return TimeUnit.MILLISECONDS.toNanos(n);
  }

  @Test
  void aBacklogOlderThanTheTargetForAWholeIntervalTightensTheLimitUntilTheQueueIsSeenEmpty() {
    long t0 = System.nanoTime();
    AdmissionQueue q = new AdmissionQueue(16, ms(50), ms(5), ms(100));
    q.observe(ms(10), false, t0 + ms(40));
    assertThat(q.staleNanos()).as("mid-interval: no decision yet").isEqualTo(ms(50));
    q.observe(ms(8), false, t0 + ms(300));
    assertThat(q.staleNanos()).as("oldest job never younger than 8 ms > 5 ms target").isEqualTo(ms(5));
    assertThat(q.overloaded()).isTrue();
    // Shedding keeps the oldest job young; that alone does not end the overload (no flapping).
    q.observe(ms(1), false, t0 + ms(350));
    q.observe(ms(1), false, t0 + ms(401));
    assertThat(q.overloaded()).as("young but never empty: still a backlog").isTrue();
    q.observe(ms(20), false, t0 + ms(420));
    q.observe(0, true, t0 + ms(430));
    q.observe(ms(20), false, t0 + ms(450));
    assertThat(q.overloaded()).as("still inside the interval").isTrue();
    q.observe(ms(20), false, t0 + ms(502));
    assertThat(q.staleNanos()).as("the queue was empty once in the interval: spare capacity").isEqualTo(ms(50));
    assertThat(q.overloaded()).isFalse();
  }

  @Test
  void aBacklogYoungerThanTheTargetIsABurstAndKeepsTheMaximumWait() {
    long t0 = System.nanoTime();
    AdmissionQueue q = new AdmissionQueue(16, ms(50), ms(5), ms(100));
    q.observe(ms(30), false, t0 + ms(10));
    q.observe(ms(4), false, t0 + ms(20));
    q.observe(ms(30), false, t0 + ms(300));
    assertThat(q.overloaded()).isFalse();
    assertThat(q.staleNanos()).isEqualTo(ms(50));
  }

  @Test
  void underOverloadStaleMeansOlderThanTheTarget() {
    long t0 = System.nanoTime();
    AdmissionQueue q = new AdmissionQueue(16, ms(50), ms(5), ms(100));
    q.observe(ms(10), false, t0 + ms(300));
    assertThat(q.overloaded()).isTrue();
    long now = System.nanoTime();
    q.offer(named("twenty-ms-old", now - ms(20)));
    q.offer(named("fresh", now));
    // 20 ms is under the 50 ms maximum but over the 5 ms target: the old job gets the first take.
    assertThat(q.poll().toString()).isEqualTo("twenty-ms-old");
  }
}
