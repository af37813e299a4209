package dev.vigil.models.internal;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets many threads use a native handle at once and frees it only once none is using it: calls hold
 * the read lock, {@link #close} takes the write lock (waiting for in-flight calls), runs the release
 * once and makes later calls fail with {@link IllegalStateException} instead of touching freed memory.
 */
final class UseGuard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String what;
  private boolean closed;

  UseGuard(String what) {
    this.what = what;
  }

  /** Acquires a use; pair with {@link #release()} in a finally block. */
  void acquire() {
    lock.readLock().lock();
    if (closed) {
      lock.readLock().unlock();
      throw new IllegalStateException(what + " is closed");
    }
  }

  void release() {
    lock.readLock().unlock();
  }

  /** Runs {@code release} once, after in-flight uses end; later calls do nothing. */
  void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        release.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
