package org.ndio.format;

import java.io.IOException;

/**
 * Reads a box out of a dense 3D array stored at a byte offset, the slowest axis first. Only
 * the rows the box needs are read, so a small box of a large file costs little; rows that lie
 * close together are fetched in one read, because a read call costs more than copying the
 * few kilobytes between them.
 */
public final class StridedReader {

  // Rows whose gaps are at most this long are read together (the gap is read and dropped).
  private static final long GAP_LIMIT = 64 << 10;
  private static final long SCRATCH_BYTES = 4 << 20;

  private StridedReader() {}

  /**
   * The box {@code [lo, hi)} of an array of {@code dims} elements of {@code itemBytes} bytes
   * stored from {@code base}; axis 0 is the slowest. The result keeps the file's axis order and
   * byte order. The caller has checked that the array's size does not overflow and that the
   * box fits in one byte array.
   */
  public static byte[] read(SeekableInput in, long base, long[] dims, long[] lo, long[] hi,
      int itemBytes) throws IOException {
    long n0 = hi[0] - lo[0];
    long n1 = hi[1] - lo[1];
    long n2 = hi[2] - lo[2];
    byte[] out = new byte[Math.toIntExact(n0 * n1 * n2 * itemBytes)];
    long row = dims[2] * itemBytes;
    long plane = dims[1] * row;
    if (n2 == dims[2] && n1 == dims[1]) {
      in.readFully(base + lo[0] * plane, out, 0, out.length);
      return out;
    }
    if (n2 == dims[2]) {
      int slab = (int) (n1 * row);
      for (int i = 0; i < n0; i++) {
        in.readFully(base + (lo[0] + i) * plane + lo[1] * row, out, i * slab, slab);
      }
      return out;
    }
    int run = (int) (n2 * itemBytes);
    int rowsPerRead = 1;
    if (row - run <= GAP_LIMIT) {
      rowsPerRead = (int) Math.max(1, Math.min(n1, (SCRATCH_BYTES - run) / row + 1));
    }
    byte[] scratch = rowsPerRead > 1 ? new byte[(int) ((rowsPerRead - 1) * row + run)] : null;
    int pos = 0;
    for (long i0 = 0; i0 < n0; i0++) {
      long planeStart = base + (lo[0] + i0) * plane + lo[2] * itemBytes;
      for (long i1 = 0; i1 < n1; ) {
        int k = (int) Math.min(rowsPerRead, n1 - i1);
        long start = planeStart + (lo[1] + i1) * row;
        if (k == 1) {
          in.readFully(start, out, pos, run);
          pos += run;
        } else {
          in.readFully(start, scratch, 0, (int) ((k - 1) * row + run));
          for (int r = 0; r < k; r++) {
            System.arraycopy(scratch, (int) (r * row), out, pos, run);
            pos += run;
          }
        }
        i1 += k;
      }
    }
    return out;
  }
}
