package org.ndio.format.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@code readInto} decodes chunk after chunk through buffers the array keeps between reads:
 * every box must still come out as the written voxels, and a damaged chunk read after a larger
 * one must be reported, never filled from the bytes left in the buffer.
 */
class ZarrReadIntoTest {

  @TempDir
  Path dir;

  @Test
  void boxesReadIntoReusedTargetsEqualTheWrittenVoxels() {
    for (String compressor : List.of("blosc:lz4:5:byte", "blosc:zstd:3:bit", "zlib:1", "none")) {
      Volume v = TestVolumes.random(DataType.UINT16, 45, 37, 11, compressor.length());
      String url = "zarr:" + dir.resolve(compressor.replace(':', '-'));
      TestVolumes.write(url, v, new Size3(16, 8, 4), compressor);
      List<BoundingBox> boxes = List.of(BoundingBox.at(0, 0, 0, 45, 37, 11),
          BoundingBox.at(3, 5, 1, 20, 20, 7), BoundingBox.at(40, 30, 8, 5, 7, 3),
          BoundingBox.at(16, 8, 4, 16, 8, 4), BoundingBox.at(7, 0, 10, 30, 37, 1));
      try (VolumeReader r = Volumes.open(url)) {
        for (int pass = 0; pass < 2; pass++) {
          for (BoundingBox b : boxes) {
            Volume target = Volume.allocate(DataType.UINT16, b);
            target.fill(7); // anything readInto fails to write shows up as 7s
            r.readInto(b, target);
            assertEquals(v.view(b), target, compressor + " " + b);
            assertEquals(v.view(b), r.read(b), compressor + " " + b);
          }
        }
      }
    }
  }

  /**
   * A whole chunk read into a volume that is all of its array is decoded in place: a chunk
   * never written must come out as the fill value over what the target held, a target that is
   * a view must get the same voxels by the general path, and a damaged chunk must be reported.
   */
  @Test
  void wholeChunksReadIntoTheirTargetsInPlace() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 32, 16, 4, 11);
    v.view(16, 0, 0, 16, 16, 4).fill(0); // chunk 0.0.1 holds only the fill value: not stored
    Path root = dir.resolve("w.zarr");
    TestVolumes.write("zarr:" + root, v, new Size3(16, 16, 4), "blosc:lz4:5:byte");
    assertTrue(Files.exists(root.resolve("0.0.0")) && !Files.exists(root.resolve("0.0.1")));
    try (VolumeReader r = Volumes.open("zarr:" + root)) {
      Volume whole = Volume.allocate(DataType.UINT16, 16, 16, 4);
      Volume big = Volume.allocate(DataType.UINT16, 20, 16, 4);
      for (BoundingBox b : List.of(BoundingBox.at(0, 0, 0, 16, 16, 4),
          BoundingBox.at(16, 0, 0, 16, 16, 4))) {
        whole.fill(7);
        r.readInto(b, whole);
        assertEquals(v.view(b), whole, "in place " + b);
        big.fill(7);
        Volume view = big.view(2, 0, 0, 16, 16, 4);
        r.readInto(b, view);
        assertEquals(v.view(b), view, "into a view " + b);
      }
      Path first = root.resolve("0.0.0");
      byte[] stored = Files.readAllBytes(first);
      Files.write(first, java.util.Arrays.copyOf(stored, stored.length / 2));
      CorruptDataException e = assertThrows(CorruptDataException.class,
          () -> r.readInto(BoundingBox.at(0, 0, 0, 16, 16, 4), whole));
      assertTrue(e.getMessage().contains("0.0.0"), e.getMessage());
    }
  }

  @Test
  void aTruncatedChunkReadAfterALargerOneIsCorrupt() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 64, 32, 4, 3); // noise: frames near raw size
    Path root = dir.resolve("t.zarr");
    TestVolumes.write("zarr:" + root, v, new Size3(32, 32, 4), "blosc:lz4:5:byte");
    Path second = root.resolve("0.0.1");
    byte[] whole = Files.readAllBytes(second);
    try (VolumeReader r = Volumes.open("zarr:" + root)) {
      Volume first = Volume.allocate(DataType.UINT8, 20, 20, 4);
      r.readInto(BoundingBox.at(2, 2, 0, 20, 20, 4), first); // fills the kept buffers
      assertEquals(v.view(2, 2, 0, 20, 20, 4), first);
      Files.write(second, java.util.Arrays.copyOf(whole, whole.length / 2));
      Volume target = Volume.allocate(DataType.UINT8, 20, 20, 4);
      CorruptDataException e = assertThrows(CorruptDataException.class,
          () -> r.readInto(BoundingBox.at(34, 2, 0, 20, 20, 4), target));
      assertTrue(e.getMessage().contains("0.0.1"), e.getMessage());
    }
  }

  @Test
  void aTargetOfAnotherSizeOrTypeIsRefused() {
    Volume v = TestVolumes.random(DataType.UINT16, 20, 20, 4, 5);
    String url = "zarr:" + dir.resolve("s.zarr");
    TestVolumes.write(url, v, new Size3(8, 8, 4), "blosc:lz4:5:byte");
    BoundingBox b = BoundingBox.at(1, 1, 0, 10, 10, 4);
    try (VolumeReader r = Volumes.open(url)) {
      assertThrows(InvalidBoxException.class,
          () -> r.readInto(b, Volume.allocate(DataType.UINT16, 10, 9, 4)));
      assertThrows(DataTypeException.class,
          () -> r.readInto(b, Volume.allocate(DataType.UINT8, 10, 10, 4)));
    }
  }
}
