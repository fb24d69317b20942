package org.ndio.jobs.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Elements against Volume's own accessors (a separate implementation) on random bits. */
class ElementsTest {

  private static final int N = 4096;

  @Test
  void valueAndLabelReadAsVolumeDoes() {
    SplittableRandom r = new SplittableRandom(12);
    for (DataType t : DataType.values()) {
      byte[] d = new byte[N * t.bytes()];
      r.nextBytes(d);
      Volume v = Volume.wrap(t, N, 1, 1, d);
      for (int i = 0; i < N; i++) {
        assertEquals(Double.doubleToLongBits(v.getDouble(i, 0, 0)),
            Double.doubleToLongBits(Elements.value(d, i, t)), t + " value " + i);
        if (t == DataType.FLOAT32 || t == DataType.FLOAT64) {
          int at = i;
          assertThrows(IllegalStateException.class, () -> Elements.label(d, at, t));
        } else {
          assertEquals(v.getLong(i, 0, 0), Elements.label(d, i, t), t + " label " + i);
        }
      }
    }
  }

  @Test
  void bitsAreEqualExactlyWhenTheBytesAre() {
    SplittableRandom r = new SplittableRandom(13);
    for (DataType t : DataType.values()) {
      int w = t.bytes();
      byte[] d = new byte[N * w];
      for (int i = 0; i < N; i++) {
        // few distinct bytes, so equal neighbours are common
        for (int k = 0; k < w; k++) {
          d[i * w + k] = (byte) (r.nextInt(2) * 0x80);
        }
      }
      for (int i = 1; i < N; i++) {
        boolean same = Arrays.equals(d, i * w, i * w + w, d, (i - 1) * w, i * w);
        assertEquals(same, Elements.bits(d, i, t) == Elements.bits(d, i - 1, t), t + " " + i);
        boolean zero = Arrays.equals(d, i * w, i * w + w, new byte[w], 0, w);
        assertEquals(zero, Elements.bits(d, i, t) == 0, t + " zero " + i);
      }
    }
  }
}
