package org.ndio.format.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ndio.volume.Volume;

/**
 * A volume as the nested Java array {@code [z][y][x]} that jhdf's writer takes, of the
 * primitive type with the volume's element size (jhdf marks unsigned types by an option, not
 * by the array type).
 */
final class JavaArrays {

  private JavaArrays() {}

  static Object of(Volume v) {
    int sx = v.sizeX();
    int sy = v.sizeY();
    int sz = v.sizeZ();
    ByteBuffer b = ByteBuffer.wrap(v.array()).order(ByteOrder.LITTLE_ENDIAN);
    int row = sx * v.dtype().bytes();
    switch (v.dtype()) {
      case UINT8, INT8 -> {
        byte[][][] a = new byte[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.get((z * sy + y) * row, a[z][y]);
          }
        }
        return a;
      }
      case UINT16, INT16 -> {
        short[][][] a = new short[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.asShortBuffer().get((z * sy + y) * sx, a[z][y]);
          }
        }
        return a;
      }
      case UINT32, INT32 -> {
        int[][][] a = new int[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.asIntBuffer().get((z * sy + y) * sx, a[z][y]);
          }
        }
        return a;
      }
      case UINT64, INT64 -> {
        long[][][] a = new long[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.asLongBuffer().get((z * sy + y) * sx, a[z][y]);
          }
        }
        return a;
      }
      case FLOAT32 -> {
        float[][][] a = new float[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.asFloatBuffer().get((z * sy + y) * sx, a[z][y]);
          }
        }
        return a;
      }
      case FLOAT64 -> {
        double[][][] a = new double[sz][sy][sx];
        for (int z = 0; z < sz; z++) {
          for (int y = 0; y < sy; y++) {
            b.asDoubleBuffer().get((z * sy + y) * sx, a[z][y]);
          }
        }
        return a;
      }
      default -> throw new IllegalStateException("unknown type " + v.dtype());
    }
  }
}
