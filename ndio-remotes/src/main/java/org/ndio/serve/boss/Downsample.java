package org.ndio.serve.boss;

import java.util.Arrays;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Lower resolution levels computed from level 0: each output voxel summarises its block of
 * {@code f x f x fz} level-0 voxels that lie inside the coordinate frame. Images take the
 * block mean, rounded to nearest (halves up); annotations the most frequent non-zero label
 * (the smallest on a tie; 0 only when the block holds no label), so that small objects
 * survive.
 */
final class Downsample {

  private Downsample() {}

  /**
   * Summarises {@code src}, the level-0 voxels of {@code srcBox}, into the level-r box {@code
   * out} ({@code srcBox} is {@code out} scaled by {@code f, f, fz}); voxels outside {@code
   * frame} (level 0) do not count.
   */
  static Volume blocks(Volume src, BoundingBox srcBox, BoundingBox out, long f, long fz,
      BoundingBox frame, boolean labels) {
    Volume dst = Volume.allocate(src.dtype(), out);
    long[] values = new long[(int) (f * f * fz)];
    for (long oz = out.z0(); oz < out.z1(); oz++) {
      for (long oy = out.y0(); oy < out.y1(); oy++) {
        for (long ox = out.x0(); ox < out.x1(); ox++) {
          int n = 0;
          long z0 = Math.max(oz * fz, frame.z0());
          long z1 = Math.min(oz * fz + fz, frame.z1());
          long y0 = Math.max(oy * f, frame.y0());
          long y1 = Math.min(oy * f + f, frame.y1());
          long x0 = Math.max(ox * f, frame.x0());
          long x1 = Math.min(ox * f + f, frame.x1());
          for (long z = z0; z < z1; z++) {
            for (long y = y0; y < y1; y++) {
              for (long x = x0; x < x1; x++) {
                values[n++] = src.getLong((int) (x - srcBox.x0()), (int) (y - srcBox.y0()),
                    (int) (z - srcBox.z0()));
              }
            }
          }
          long v = n == 0 ? 0 : labels ? mode(values, n) : mean(values, n);
          dst.setLong((int) (ox - out.x0()), (int) (oy - out.y0()), (int) (oz - out.z0()), v);
        }
      }
    }
    return dst;
  }

  /** The rounded mean of unsigned 8- or 16-bit values (no overflow for any block size). */
  static long mean(long[] v, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += v[i];
    }
    return (2 * sum + n) / (2L * n);
  }

  /** The most frequent non-zero value, the smallest (unsigned) on a tie; 0 if all are 0. */
  static long mode(long[] v, int n) {
    long[] s = Arrays.copyOf(v, n);
    for (int i = 0; i < n; i++) {
      s[i] ^= Long.MIN_VALUE; // sort unsigned
    }
    Arrays.sort(s);
    long best = 0;
    int bestCount = 0;
    for (int i = 0; i < n;) {
      int j = i;
      while (j < n && s[j] == s[i]) {
        j++;
      }
      long value = s[i] ^ Long.MIN_VALUE;
      if (value != 0 && j - i > bestCount) {
        best = value;
        bestCount = j - i;
      }
      i = j;
    }
    return best;
  }
}
