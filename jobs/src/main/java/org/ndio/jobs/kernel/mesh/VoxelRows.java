package org.ndio.jobs.kernel.mesh;

import org.ndio.volume.DataType;
import org.ndio.volume.Elements;
import org.ndio.volume.Volume;

/** Reads runs of a row of a volume as object masks or raw labels, one type switch per run. */
final class VoxelRows {

  private final byte[] data;
  private final DataType dtype;
  private final int sx;
  private final int sy;

  VoxelRows(Volume v) {
    this.data = v.array();
    this.dtype = v.dtype();
    this.sx = v.sizeX();
    this.sy = v.sizeY();
  }

  /** {@code out[off + i] = 1} where voxel {@code (x0 + i, y, z)} is at least {@code t}. */
  void atLeast(double t, int y, int z, int x0, int n, byte[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    switch (dtype) {
      case UINT8 -> {
        int ti = intThreshold(t, 0, 255);
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) ((data[base + i] & 0xff) >= ti ? 1 : 0);
        }
      }
      case UINT16 -> {
        int ti = intThreshold(t, 0, 65535);
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) (Elements.u16(data, base + i) >= ti ? 1 : 0);
        }
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) (Elements.f32(data, base + i) >= t ? 1 : 0);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) (Elements.value(data, base + i, dtype) >= t ? 1 : 0);
        }
      }
    }
  }

  /** The smallest integer at least {@code t}, clamped to one past the type's range. */
  private static int intThreshold(double t, int min, int max) {
    double c = Math.ceil(t);
    return c <= min ? min : c > max ? max + 1 : (int) c;
  }

  /** {@code out[off + i] = 1} where voxel {@code (x0 + i, y, z)} has label {@code label}. */
  void equal(long label, int y, int z, int x0, int n, byte[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    if (dtype == DataType.UINT8) {
      for (int i = 0; i < n; i++) {
        out[off + i] = (byte) ((data[base + i] & 0xffL) == label ? 1 : 0);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[off + i] = (byte) (Elements.label(data, base + i, dtype) == label ? 1 : 0);
    }
  }

  /** The labels of voxels {@code (x0 .. x0 + n - 1, y, z)}. */
  void labels(int y, int z, int x0, int n, long[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    switch (dtype) {
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = data[base + i] & 0xffL;
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = Elements.u16(data, base + i);
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = Elements.u32(data, base + i);
        }
      }
      case UINT64, INT64 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = Elements.i64(data, base + i);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = Elements.label(data, base + i, dtype);
        }
      }
    }
  }
}
