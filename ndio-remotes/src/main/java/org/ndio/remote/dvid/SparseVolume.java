package org.ndio.remote.dvid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.ndio.CorruptDataException;
import org.ndio.volume.BoundingBox;

/**
 * Reads DVID's legacy RLE sparse volumes ({@code GET .../sparsevol/LABEL}): a 12-byte header
 * (payload descriptor, dimensions = 3, run dimension = 0 for x, a reserved byte, a voxel count
 * DVID leaves at 0, the number of runs as uint32) and then per run int32 x, y, z and length, all
 * little-endian. Only binary volumes (descriptor 0, no payload) are accepted.
 *
 * @param runs number of runs
 * @param voxels sum of the run lengths
 * @param box the smallest box holding every run
 */
public record SparseVolume(long runs, long voxels, Optional<BoundingBox> box) {

  public static SparseVolume parse(byte[] rle) {
    if (rle.length == 0) {
      return new SparseVolume(0, 0, Optional.empty());
    }
    if (rle.length < 12) {
      throw new CorruptDataException("sparse volume of " + rle.length
          + " bytes is shorter than its 12-byte header");
    }
    ByteBuffer b = ByteBuffer.wrap(rle).order(ByteOrder.LITTLE_ENDIAN);
    int descriptor = b.get() & 0xff;
    int dims = b.get() & 0xff;
    int runDim = b.get() & 0xff;
    b.get();
    b.getInt();
    long spans = b.getInt() & 0xffffffffL;
    if (descriptor != 0 || dims != 3 || runDim != 0) {
      throw new CorruptDataException("sparse volume header declares payload " + descriptor
          + ", " + dims + " dimensions, runs along axis " + runDim
          + " (expected a binary 3d volume with runs along x)");
    }
    if (spans * 16 != rle.length - 12L) {
      throw new CorruptDataException("sparse volume header declares " + spans + " runs ("
          + spans * 16 + " bytes) but " + (rle.length - 12) + " bytes follow it");
    }
    long[] lo = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] hi = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
    long voxels = 0;
    for (long i = 0; i < spans; i++) {
      long x = b.getInt();
      long y = b.getInt();
      long z = b.getInt();
      long n = b.getInt();
      if (n <= 0) {
        throw new CorruptDataException("sparse volume run " + i + " at (" + x + ", " + y + ", "
            + z + ") has length " + n);
      }
      voxels += n;
      lo[0] = Math.min(lo[0], x);
      lo[1] = Math.min(lo[1], y);
      lo[2] = Math.min(lo[2], z);
      hi[0] = Math.max(hi[0], x + n);
      hi[1] = Math.max(hi[1], y + 1);
      hi[2] = Math.max(hi[2], z + 1);
    }
    Optional<BoundingBox> box = spans == 0 ? Optional.empty()
        : Optional.of(new BoundingBox(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]));
    return new SparseVolume(spans, voxels, box);
  }
}
