package org.ndio.serve.boss;

import java.util.HashMap;
import java.util.Map;
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
    Map<Long, Integer> counts = new HashMap<>();
    for (long oz = out.z0(); oz < out.z1(); oz++) {
      for (long oy = out.y0(); oy < out.y1(); oy++) {
        for (long ox = out.x0(); ox < out.x1(); ox++) {
          long n = 0;
          long sum = 0;
          counts.clear();
          long z1 = Math.min(oz * fz + fz, frame.z1());
          long y1 = Math.min(oy * f + f, frame.y1());
          long x1 = Math.min(ox * f + f, frame.x1());
          for (long z = Math.max(oz * fz, frame.z0()); z < z1; z++) {
            for (long y = Math.max(oy * f, frame.y0()); y < y1; y++) {
              for (long x = Math.max(ox * f, frame.x0()); x < x1; x++) {
                long v = src.getLong((int) (x - srcBox.x0()), (int) (y - srcBox.y0()),
                    (int) (z - srcBox.z0()));
                n++;
                if (labels) {
                  if (v != 0) {
                    counts.merge(v, 1, Integer::sum);
                  }
                } else {
                  sum += v;
                }
              }
            }
          }
          long v = n == 0 ? 0 : labels ? mode(counts) : (2 * sum + n) / (2 * n);
          dst.setLong((int) (ox - out.x0()), (int) (oy - out.y0()), (int) (oz - out.z0()), v);
        }
      }
    }
    return dst;
  }

  /** The most frequent label, the smallest (unsigned) on a tie; 0 if there is none. */
  static long mode(Map<Long, Integer> counts) {
    long best = 0;
    int bestCount = 0;
    for (Map.Entry<Long, Integer> e : counts.entrySet()) {
      int c = e.getValue();
      if (c > bestCount || c == bestCount && Long.compareUnsigned(e.getKey(), best) < 0) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }
}
