package org.ndio.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Damaged Zarr metadata and chunks: {@code .zarray} (JSON-preserving and byte damage), an
 * OME-Zarr group's {@code .zattrs} multiscales and its {@code .zgroup}, and a chunk of each
 * compressor. The array is written by our writer (which {@code ZarrPythonTest} checks against
 * zarr-python); reads take at most 64 voxels per axis, since a damaged but valid shape may
 * legitimately be huge and mostly fill value.
 */
class ZarrFuzzTest {

  private static final int MUTANTS = 200;

  @TempDir
  Path dir;

  private Path array(String name, String compressor) {
    Path z = dir.resolve(name);
    Volume v = TestVolumes.random(DataType.UINT16, 12, 10, 6, 4);
    TestVolumes.write("zarr:" + z, v, new Size3(8, 8, 4), compressor);
    return z;
  }

  @Test
  void zarray() throws Exception {
    Path z = array("a", "blosc:lz4:5:byte");
    fuzzFile("zarray", z.resolve(".zarray"), "zarr:" + z, true, 300);
  }

  @Test
  void chunks() throws Exception {
    long seed = 310;
    for (String c : new String[] {"blosc:zstd:3:bit", "gzip", "zstd", "lz4", "none"}) {
      Path z = array("c-" + c.replace(':', '_'), c);
      fuzzFile("chunk-" + c, z.resolve("0.0.0"), "zarr:" + z, false, seed++);
    }
  }

  @Test
  void omeMultiscales() throws Exception {
    Path g = dir.resolve("g");
    Volume v0 = TestVolumes.random(DataType.UINT8, 16, 16, 4, 1);
    Volume v1 = TestVolumes.random(DataType.UINT8, 8, 8, 4, 2);
    TestVolumes.write("zarr:" + g.resolve("0"), v0, null, null);
    TestVolumes.write("zarr:" + g.resolve("1"), v1, null, null);
    Files.writeString(g.resolve(".zgroup"), "{\"zarr_format\": 2}");
    Files.writeString(g.resolve(".zattrs"), """
        {"multiscales": [{"version": "0.4", "name": "g",
          "axes": [{"name": "z", "type": "space", "unit": "nanometer"},
                   {"name": "y", "type": "space", "unit": "nanometer"},
                   {"name": "x", "type": "space", "unit": "nanometer"}],
          "datasets": [
            {"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [40, 4, 4]}]},
            {"path": "1", "coordinateTransformations": [{"type": "scale", "scale": [40, 8, 8]},
              {"type": "translation", "translation": [0, 2, 2]}]}]}]}
        """);
    Reads.openAndRead("zarr:" + g, 64);
    fuzzFile("zattrs", g.resolve(".zattrs"), "zarr:" + g, true, 320);
    fuzzFile("zgroup", g.resolve(".zgroup"), "zarr:" + g, true, 321);
  }

  private static void fuzzFile(String name, Path file, String url, boolean json, long seed)
      throws Exception {
    byte[] valid = Files.readAllBytes(file);
    Reads.openAndRead(url, 64);
    int mutants = json ? MUTANTS : MUTANTS / 3;
    try (FuzzRunner f = new FuzzRunner(name)) {
      if (!json) {
        for (int n : FileFormatFuzzTest.truncationOffsets(valid.length)) {
          byte[] cut = java.util.Arrays.copyOf(valid, n);
          f.check(name + " truncated at " + n, () -> {
            Files.write(file, cut);
            Reads.openAndRead(url, 64);
          });
        }
      }
      Mutator bytes = new Mutator(seed);
      JsonMutator structured = new JsonMutator(seed);
      for (int i = 0; i < mutants; i++) {
        Mutator.Mutant mu = json ? structured.next(valid) : bytes.next(valid);
        f.check(name + " #" + i + " (seed " + seed + ", " + mu.what() + ")", () -> {
              Files.write(file, mu.bytes());
              Reads.openAndRead(url, 64);
            });
      }
      Files.write(file, valid);
      f.assertClean();
    }
  }

}
