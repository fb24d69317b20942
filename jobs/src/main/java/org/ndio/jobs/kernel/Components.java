package org.ndio.jobs.kernel;

import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The connected components of a volume, kept as runs: each row (fixed y, z) of object voxels is
 * cut into runs {@code [x0, x1)} of one component. Components are numbered 1..count in the
 * order of their first voxel in C order (z, then y, then x), as scipy.ndimage.label numbers
 * them. Runs make statistics and faces cheap to compute without a voxel array; {@link
 * #toVolume} paints one when it is wanted.
 */
public final class Components {

  private final int sx;
  private final int sy;
  private final int sz;
  private final int[] rowStart;
  private final int[] x0;
  private final int[] x1;
  private final long[] values;
  private final int[] label;
  private final int count;

  Components(int sx, int sy, int sz, int[] rowStart, int[] x0, int[] x1, long[] values,
      int[] label, int count) {
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.rowStart = rowStart;
    this.x0 = x0;
    this.x1 = x1;
    this.values = values;
    this.label = label;
    this.count = count;
  }

  /** Number of components. */
  public int count() {
    return count;
  }

  public int sizeX() {
    return sx;
  }

  public int sizeY() {
    return sy;
  }

  public int sizeZ() {
    return sz;
  }

  /** Number of runs. */
  public int runs() {
    return rowStart[rowStart.length - 1];
  }

  /** Receives runs: voxels {@code [x0, x1)} of row {@code (y, z)} belong to {@code label}. */
  public interface RunVisitor {
    void run(int x0, int x1, int y, int z, int label, long value);
  }

  /**
   * Visits every run in C order; {@code value} is the voxels' value for {@link
   * Foreground.SameValue}, else 1.
   */
  public void forEachRun(RunVisitor v) {
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        int r = z * sy + y;
        for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
          v.run(x0[i], x1[i], y, z, label[i], values == null ? 1 : values[i]);
        }
      }
    }
  }

  /** Visits the runs of one row. */
  public void forEachRunInRow(int y, int z, RunVisitor v) {
    int r = z * sy + y;
    for (int i = rowStart[r]; i < rowStart[r + 1]; i++) {
      v.run(x0[i], x1[i], y, z, label[i], values == null ? 1 : values[i]);
    }
  }

  /** The label at a voxel, 0 for background. */
  public int labelAt(int x, int y, int z) {
    int r = z * sy + y;
    int lo = rowStart[r];
    int hi = rowStart[r + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (x1[mid] <= x) {
        lo = mid + 1;
      } else if (x0[mid] > x) {
        hi = mid - 1;
      } else {
        return label[mid];
      }
    }
    return 0;
  }

  /** The labels as a volume ({@code uint32}, or {@code uint64} when asked). */
  public Volume toVolume(DataType dtype) {
    Volume out = Volume.allocate(dtype, sx, sy, sz);
    forEachRun((a, b, y, z, l, value) -> {
      for (int x = a; x < b; x++) {
        out.setLong(x, y, z, l);
      }
    });
    return out;
  }

  /** Per-component voxel counts, coordinate sums, bounding boxes and first voxels. */
  public ComponentStats stats() {
    ComponentStats s = new ComponentStats(count);
    forEachRun((a, b, y, z, l, value) -> s.add(l - 1, a, b, y, z, value));
    return s;
  }
}
