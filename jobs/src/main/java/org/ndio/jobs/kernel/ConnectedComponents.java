package org.ndio.jobs.kernel;

import java.util.Arrays;
import org.ndio.volume.DataType;
import org.ndio.volume.Elements;
import org.ndio.volume.Volume;

/**
 * 3D connected-component labelling by runs: each row is cut into runs of object voxels, runs
 * are joined by union-find to the runs they touch in the rows already seen (the row above, the
 * section below, and for 18- and 26-connectivity the diagonal rows), and each run then takes
 * the number of its component. Work is proportional to the number of runs, not voxels, after a
 * single pass over the data; a pure function of the volume, with no I/O.
 */
public final class ConnectedComponents {

  private ConnectedComponents() {}

  public static Components label(Volume v, Foreground fg, Connectivity c) {
    Runs runs = runs(v, fg);
    int n = runs.count;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    int sy = v.sizeY();
    int sz = v.sizeZ();
    int side = c == Connectivity.FACES ? 0 : 1; // x reach across a face-adjacent row
    int diagonal = c == Connectivity.CORNERS ? 1 : 0; // x reach across an edge-adjacent row
    boolean same = fg instanceof Foreground.SameValue;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        int r = z * sy + y;
        if (runs.rowStart[r] == runs.rowStart[r + 1]) {
          continue;
        }
        if (y > 0) {
          join(runs, parent, r, r - 1, side, same);
        }
        if (z > 0) {
          join(runs, parent, r, r - sy, side, same);
          if (c != Connectivity.FACES) {
            if (y > 0) {
              join(runs, parent, r, r - sy - 1, diagonal, same);
            }
            if (y < sy - 1) {
              join(runs, parent, r, r - sy + 1, diagonal, same);
            }
          }
        }
      }
    }
    int[] label = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      // Roots are always the earliest run of their component (unions keep the smaller index),
      // so a root is met before its other runs and numbering follows first voxels.
      label[i] = root == i ? ++count : label[root];
    }
    return new Components(v.sizeX(), sy, sz, runs.rowStart, Arrays.copyOf(runs.x0, n),
        Arrays.copyOf(runs.x1, n), same ? Arrays.copyOf(runs.value, n) : null, label, count);
  }

  /** Unions the runs of row {@code a} with those of row {@code b} they touch. */
  private static void join(Runs runs, int[] parent, int a, int b, int reach, boolean same) {
    int ie = runs.rowStart[a + 1];
    int first = runs.rowStart[b];
    int je = runs.rowStart[b + 1];
    int[] x0 = runs.x0;
    int[] x1 = runs.x1;
    for (int i = runs.rowStart[a]; i < ie; i++) {
      // Runs of row b that end out of reach of run i are out of reach of every later run.
      while (first < je && x1[first] + reach <= x0[i]) {
        first++;
      }
      // Runs touch when they overlap once widened by reach; with labels of several values
      // adjacent runs leave no gap, so one run of b may touch several runs of a.
      for (int j = first; j < je && x0[j] < x1[i] + reach; j++) {
        if (!same || runs.value[i] == runs.value[j]) {
          union(parent, i, j);
        }
      }
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra < rb) {
      parent[rb] = ra;
    } else if (rb < ra) {
      parent[ra] = rb;
    }
  }

  /** Growable run arrays, filled row by row in C order. */
  private static final class Runs {
    final int[] rowStart;
    int[] x0 = new int[1024];
    int[] x1 = new int[1024];
    long[] value;
    int count;

    Runs(int rows, boolean withValues) {
      rowStart = new int[rows + 1];
      value = withValues ? new long[1024] : null;
    }

    void add(int a, int b, long v) {
      if (count == x0.length) {
        int n = count * 2;
        x0 = Arrays.copyOf(x0, n);
        x1 = Arrays.copyOf(x1, n);
        if (value != null) {
          value = Arrays.copyOf(value, n);
        }
      }
      x0[count] = a;
      x1[count] = b;
      if (value != null) {
        value[count] = v;
      }
      count++;
    }
  }

  /** Cuts every row into runs of object voxels (of one value, for SameValue). */
  private static Runs runs(Volume v, Foreground fg) {
    int sx = v.sizeX();
    int rows = v.sizeY() * v.sizeZ();
    boolean same = fg instanceof Foreground.SameValue;
    Runs runs = new Runs(rows, same);
    byte[] data = v.array();
    DataType t = v.dtype();
    if (t == DataType.UINT8 && !same) {
      // The common case (EM and masks), kept free of per-voxel dispatch.
      int threshold = fg instanceof Foreground.AtLeast a ? (int) Math.ceil(a.threshold()) : 1;
      if (threshold <= 0) {
        threshold = 0;
      }
      for (int r = 0; r < rows; r++) {
        runs.rowStart[r] = runs.count;
        int base = r * sx;
        int x = 0;
        while (x < sx) {
          while (x < sx && (data[base + x] & 0xff) < threshold) {
            x++;
          }
          int start = x;
          while (x < sx && (data[base + x] & 0xff) >= threshold) {
            x++;
          }
          if (x > start) {
            runs.add(start, x, 1);
          }
        }
      }
      runs.rowStart[rows] = runs.count;
      return runs;
    }
    for (int r = 0; r < rows; r++) {
      runs.rowStart[r] = runs.count;
      int base = r * sx;
      int x = 0;
      while (x < sx) {
        long cls = classOf(data, base + x, t, fg);
        if (cls == 0) {
          x++;
          continue;
        }
        int start = x;
        x++;
        while (x < sx && classOf(data, base + x, t, fg) == cls) {
          x++;
        }
        runs.add(start, x, cls);
      }
    }
    runs.rowStart[rows] = runs.count;
    return runs;
  }

  /**
   * 0 for background; for objects 1, or for SameValue the voxel's raw value (so equal values
   * join).
   */
  private static long classOf(byte[] d, int i, DataType t, Foreground fg) {
    if (fg instanceof Foreground.AtLeast a) {
      return Elements.value(d, i, t) >= a.threshold() ? 1 : 0;
    }
    long raw = Elements.bits(d, i, t);
    if (fg instanceof Foreground.NonZero) {
      return raw == 0 ? 0 : 1;
    }
    return raw;
  }
}
