package org.ndio.jobs.kernel.mesh;

import java.util.Arrays;

/** Open-addressing map from long keys to int values, without boxing. */
final class LongIntMap {

  private static final long EMPTY = -1L; // never a vertex key: its axis bits would be 3
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new int[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  /** The value of {@code key}, or {@code absent}. */
  int get(long key, int absent) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return absent;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value of {@code key}; if absent, stores {@code value} and returns it. */
  int putIfAbsent(long key, int value) {
    int i = slot(key);
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > mask) {
          grow();
        }
        return value;
      }
      i = (i + 1) & mask;
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    int cap = oldKeys.length * 2;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new int[cap];
    mask = cap - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int j = slot(oldKeys[i]);
        while (keys[j] != EMPTY) {
          j = (j + 1) & mask;
        }
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
      }
    }
  }
}
