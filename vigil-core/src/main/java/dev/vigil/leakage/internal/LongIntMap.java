package dev.vigil.leakage.internal;


/** Open-addressing map from long keys to int values (no removal); absent keys read as -1. */
public final class LongIntMap {
  private long[] keys;
  private int[] values;
  private boolean[] used;
  private int size;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    used = new boolean[cap];
  }

  public int size() {
    return size;
  }

  /** The value of key, or -1. */
  public int get(long key) {
    int mask = keys.length - 1;
    int i = (int) Values.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Puts key → value if key is absent; returns the value now stored. */
  public int putIfAbsent(long key, int value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) Values.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
    return value;
  }

  /** Sets key → value. */
  public void put(long key, int value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) Values.mix(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
  }

  private void grow() {
    long[] k = keys;
    int[] v = values;
    boolean[] u = used;
    keys = new long[k.length * 2];
    values = new int[k.length * 2];
    used = new boolean[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (u[i]) {
        put(k[i], v[i]);
      }
    }
  }

  @Override
  public String toString() {
    return "LongIntMap[size=" + size + ", capacity=" + keys.length + "]";
  }
}
