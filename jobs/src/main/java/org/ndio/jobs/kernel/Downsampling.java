package org.ndio.jobs.kernel;

import java.util.Arrays;
import org.ndio.DataTypeException;
import org.ndio.volume.DataType;
import org.ndio.volume.Elements;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Block reduction of a volume by integer factors: output voxel {@code (i, j, k)} summarises
 * the block {@code [i fx, (i + 1) fx) x [j fy, ...) x [k fz, ...)}. The output has {@code
 * ceil(size / factor)} voxels per axis; a block cut by the volume's far edge is reduced over
 * the voxels it has (not padded), so edges keep their values. A pure function, no I/O.
 */
public final class Downsampling {

  private Downsampling() {}

  /** The size of the reduced volume along an axis. */
  public static long reducedSize(long size, long factor) {
    return (size + factor - 1) / factor;
  }

  public static Volume reduce(Volume v, Size3 factor, Reduction how) {
    if (how == Reduction.MODE && v.dtype().isFloat()) {
      throw new DataTypeException("mode keeps label ids; a " + v.dtype().numpyName()
          + " volume is an image: use mean, max or min");
    }
    int fx = (int) factor.x();
    int fy = (int) factor.y();
    int fz = (int) factor.z();
    int ox = (int) reducedSize(v.sizeX(), fx);
    int oy = (int) reducedSize(v.sizeY(), fy);
    int oz = (int) reducedSize(v.sizeZ(), fz);
    DataType t = v.dtype();
    if (how == Reduction.MEAN && (t == DataType.UINT8 || t == DataType.UINT16)) {
      return unsignedMean(v, fx, fy, fz, ox, oy, oz);
    }
    Volume out = Volume.allocate(t, ox, oy, oz);
    long[] block = new long[fx * fy * fz];
    double[] values = new double[fx * fy * fz];
    for (int k = 0; k < oz; k++) {
      for (int j = 0; j < oy; j++) {
        for (int i = 0; i < ox; i++) {
          int n = 0;
          for (int z = k * fz; z < Math.min(v.sizeZ(), (k + 1) * fz); z++) {
            for (int y = j * fy; y < Math.min(v.sizeY(), (j + 1) * fy); y++) {
              for (int x = i * fx; x < Math.min(v.sizeX(), (i + 1) * fx); x++) {
                if (t.isFloat()) {
                  values[n] = v.getDouble(x, y, z);
                } else {
                  block[n] = v.getLong(x, y, z);
                }
                n++;
              }
            }
          }
          if (t.isFloat()) {
            out.setDouble(i, j, k, floats(values, n, how));
          } else {
            out.setLong(i, j, k, integers(block, n, how, t));
          }
        }
      }
    }
    return out;
  }

  /**
   * The mean of 8- and 16-bit images (EM, light microscopy), summed in one sweep over the
   * input's bytes instead of block by block: the common case, kept fast.
   */
  private static Volume unsignedMean(Volume v, int fx, int fy, int fz, int ox, int oy, int oz) {
    byte[] d = v.array();
    boolean wide = v.dtype() == DataType.UINT16;
    int sx = v.sizeX();
    int sy = v.sizeY();
    int sz = v.sizeZ();
    Volume out = Volume.allocate(v.dtype(), ox, oy, oz);
    // One output section's sums at a time: they stay in cache, and the memory is a section's.
    long[] sum = new long[ox * oy];
    for (int k = 0; k < oz; k++) {
      java.util.Arrays.fill(sum, 0);
      int zEnd = Math.min(sz, (k + 1) * fz);
      for (int z = k * fz; z < zEnd; z++) {
        int i = z * sy * sx;
        for (int y = 0; y < sy; y++) {
          int row = (y / fy) * ox;
          for (int x = 0; x < sx; x++, i++) {
            sum[row + x / fx] += wide ? (d[2 * i] & 0xff) | (d[2 * i + 1] & 0xff) << 8
                : d[i] & 0xff;
          }
        }
      }
      int nz = zEnd - k * fz;
      for (int j = 0; j < oy; j++) {
        int ny = Math.min(sy, (j + 1) * fy) - j * fy;
        for (int m = 0; m < ox; m++) {
          long n = (long) nz * ny * (Math.min(sx, (m + 1) * fx) - m * fx);
          out.setLong(m, j, k, Math.floorDiv(2 * sum[j * ox + m] + n, 2 * n));
        }
      }
    }
    return out;
  }

  private static double floats(double[] v, int n, Reduction how) {
    double r = how == Reduction.MAX ? Double.NEGATIVE_INFINITY
        : how == Reduction.MIN ? Double.POSITIVE_INFINITY : 0;
    for (int i = 0; i < n; i++) {
      r = switch (how) {
        case MAX -> Math.max(r, v[i]);
        case MIN -> Math.min(r, v[i]);
        default -> r + v[i];
      };
    }
    return how == Reduction.MEAN ? r / n : r;
  }

  private static long integers(long[] v, int n, Reduction how, DataType t) {
    boolean unsigned = !t.isSigned();
    switch (how) {
      case MODE:
        return mode(v, n, unsigned);
      case MAX:
      case MIN: {
        long r = v[0];
        for (int i = 1; i < n; i++) {
          int c = unsigned ? Long.compareUnsigned(v[i], r) : Long.compare(v[i], r);
          if (how == Reduction.MAX ? c > 0 : c < 0) {
            r = v[i];
          }
        }
        return r;
      }
      default: {
        if (t.bytes() < 8) {
          // Exact: sums of up to 2^31 values of 32 bits fit a long. floor(mean + 0.5).
          long sum = 0;
          for (int i = 0; i < n; i++) {
            sum += v[i];
          }
          return Math.floorDiv(2 * sum + n, 2L * n);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += unsigned ? Elements.unsignedToDouble(v[i]) : v[i];
        }
        double m = Math.floor(sum / n + 0.5);
        return unsigned && m >= 0x1p63 ? (long) (m - 0x1p64) : (long) m;
      }
    }
  }

  /** The most frequent non-zero value; ties to the smaller; 0 if all are 0. */
  private static long mode(long[] v, int n, boolean unsigned) {
    long[] s = Arrays.copyOf(v, n);
    if (unsigned) {
      for (int i = 0; i < n; i++) {
        s[i] ^= Long.MIN_VALUE; // sort unsigned order with the signed sort
      }
    }
    Arrays.sort(s);
    long best = 0;
    int bestCount = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && s[j] == s[i]) {
        j++;
      }
      long value = unsigned ? s[i] ^ Long.MIN_VALUE : s[i];
      if (value != 0 && j - i > bestCount) {
        best = value;
        bestCount = j - i;
      }
      i = j;
    }
    return best;
  }
}
