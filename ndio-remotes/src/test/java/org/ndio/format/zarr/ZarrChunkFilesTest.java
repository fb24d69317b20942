package org.ndio.format.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.codec.Codecs;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;

/**
 * The stored chunks of one write of many full and edge chunks are the bytes zarr-python
 * stores for the same array: voxels in place, and the padding of edge chunks the fill value
 * (the chunk buffers a write reuses must never leak into an edge chunk).
 */
class ZarrChunkFilesTest {

  @TempDir
  Path dir;

  @Test
  void chunkFilesMatchZarrPythonByteForByte() throws Exception {
    Python.require("numpy", "zarr");
    Path npy = dir.resolve("a.npy");
    Path theirs = dir.resolve("theirs.zarr");
    // no voxel is 0 (the fill value), so no chunk is left out as empty on either side
    Python.run("""
        import sys, numpy as np, zarr
        a = np.random.default_rng(3).integers(1, 256, (9, 50, 70), dtype=np.uint8)
        np.save(sys.argv[1], a)
        z = zarr.open_array(sys.argv[2], mode='w', shape=a.shape, dtype=a.dtype,
                            chunks=(4, 16, 16), compressor=None, fill_value=0)
        z[...] = a
        """, npy.toString(), theirs.toString());
    Path ours = dir.resolve("ours.zarr");
    // one write call: 24 full chunks (sharing buffers) and 36 edge chunks
    TestVolumes.write("zarr:" + ours, TestVolumes.read("npy:" + npy), new Size3(16, 16, 4),
        "none");
    List<String> keys = chunkKeys(theirs);
    assertEquals(3 * 4 * 5, keys.size());
    assertEquals(keys, chunkKeys(ours));
    for (String k : keys) {
      assertArrayEquals(Files.readAllBytes(theirs.resolve(k)), Files.readAllBytes(ours.resolve(k)),
          k);
    }
  }

  @Test
  void aShortOrDamagedChunkAmongManyIsATypedErrorNamingIt() throws Exception {
    Path a = dir.resolve("a.zarr");
    TestVolumes.write("zarr:" + a, TestVolumes.random(DataType.UINT8, 40, 40, 8, 2),
        new Size3(16, 16, 4), "blosc:lz4:5:byte");
    // a valid frame of 10 bytes where 1024 belong, then bytes that are no frame at all
    Files.write(a.resolve("1.1.0"), Codecs.parse("blosc").encode(new byte[10], 1));
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> TestVolumes.read("zarr:" + a));
    assertTrue(e.getMessage().contains("1.1.0") && e.getMessage().contains("10 bytes"),
        e.getMessage());
    Files.writeString(a.resolve("1.1.0"), "not a frame");
    e = assertThrows(CorruptDataException.class, () -> TestVolumes.read("zarr:" + a));
    assertTrue(e.getMessage().contains("1.1.0"), e.getMessage());
  }

  private static List<String> chunkKeys(Path array) throws Exception {
    try (Stream<Path> files = Files.list(array)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    }
  }
}
