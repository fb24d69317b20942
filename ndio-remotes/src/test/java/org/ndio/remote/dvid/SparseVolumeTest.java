package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ndio.CorruptDataException;
import org.ndio.volume.BoundingBox;

/** The RLE reader on bytes laid out by hand from DVID's help text. */
class SparseVolumeTest {

  /** Header (binary, 3 dims, runs along x), then runs {x, y, z, length}. */
  private static byte[] rle(int[]... runs) {
    ByteBuffer b = ByteBuffer.allocate(12 + 16 * runs.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 3).put((byte) 0).put((byte) 0).putInt(0).putInt(runs.length);
    for (int[] r : runs) {
      b.putInt(r[0]).putInt(r[1]).putInt(r[2]).putInt(r[3]);
    }
    return b.array();
  }

  @Test
  void runsGiveTheVoxelCountAndTheBox() {
    SparseVolume s = SparseVolume.parse(rle(new int[] {10, 5, 2, 4}, new int[] {-3, 6, 2, 1},
        new int[] {8, 5, 9, 20}));
    assertEquals(3, s.runs());
    assertEquals(25, s.voxels());
    assertEquals(Optional.of(new BoundingBox(-3, 28, 5, 7, 2, 10)), s.box());
    assertEquals(Optional.empty(), SparseVolume.parse(new byte[0]).box());
  }

  @Test
  void damagedVolumesAreCorrupt() {
    byte[] good = rle(new int[] {1, 2, 3, 4}, new int[] {5, 6, 7, 8});
    assertThrows(CorruptDataException.class,
        () -> SparseVolume.parse(Arrays.copyOf(good, good.length - 5)));
    assertThrows(CorruptDataException.class, () -> SparseVolume.parse(Arrays.copyOf(good, 7)));
    byte[] payload = good.clone();
    payload[0] = 1;
    assertThrows(CorruptDataException.class, () -> SparseVolume.parse(payload));
    assertThrows(CorruptDataException.class,
        () -> SparseVolume.parse(rle(new int[] {1, 2, 3, 0})));
  }
}
