package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr for work that lasts over two seconds, shown only when stderr is a
 * terminal (never in pipes, files or CI logs). It shows a moving bar, the rows done and the rate, and
 * is erased when the work ends.
 */
final class Progress implements AutoCloseable {
  private static final long DELAY_MS = 2000;
  private final PrintWriter err;
  private final String label;
  private final AtomicLong rows = new AtomicLong();
  private final long start = System.nanoTime();
  private final Thread thread;
  private volatile boolean done;
  private volatile boolean shown;

  private Progress(PrintWriter err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    if (enabled) {
      thread = new Thread(this::loop, "vigil-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  static Progress start(PrintWriter err, String label) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"))
        && System.getenv("CI") == null;
    return new Progress(err, label, terminal);
  }

  void advance(long n) {
    rows.addAndGet(n);
  }

  private void loop() {
    int tick = 0;
    while (!done) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (done || ms < DELAY_MS) {
        continue;
      }
      shown = true;
      int width = 20;
      int pos = tick++ % (2 * width - 2);
      int at = pos < width ? pos : 2 * width - 2 - pos;
      StringBuilder bar = new StringBuilder("[");
      for (int i = 0; i < width; i++) {
        bar.append(i == at ? '#' : ' ');
      }
      bar.append(']');
      long r = rows.get();
      synchronized (err) {
        err.print(String.format(Locale.ROOT, "\r%s %s %,d rows %.1fs (%,.0f rows/s)   ", label, bar, r, ms / 1000.0,
            r / Math.max(ms / 1000.0, 1e-3)));
        err.flush();
      }
    }
  }

  @Override
  public void close() {
    done = true;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (shown) {
        synchronized (err) {
          err.print("\r" + " ".repeat(100) + "\r");
          err.flush();
        }
      }
    }
  }
}
