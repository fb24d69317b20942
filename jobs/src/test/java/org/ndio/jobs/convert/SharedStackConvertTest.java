package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** The real ssTEM stack goes from TIFF sections to Zarr and back, voxel for voxel. */
class SharedStackConvertTest {

  @TempDir
  Path dir;

  @Test
  void tiffToZarrAndBackIsIdentical() {
    Path raw = SharedData.drosophilaStack().resolve("raw");
    String tiffs = "tiff:" + raw;
    String zarr = "zarr:" + dir.resolve("raw.zarr");
    String back = "tiff:" + dir.resolve("back");
    Convert.run(tiffs, zarr, new Convert.Options(Optional.empty(),
        Optional.of(new Size3(256, 256, 8)), Optional.of("blosc:zstd:3:bit"),
        WriteMode.ERROR_IF_EXISTS), Convert.Progress.NONE);
    Convert.run(zarr, back, Convert.Options.defaults(), Convert.Progress.NONE);
    Volume original;
    try (VolumeReader r = Volumes.open(tiffs)) {
      original = r.readAll();
    }
    assertEquals(DataType.UINT8, original.dtype());
    assertEquals(BoundingBox.ofShape(1024, 1024, 20), original.shape());
    try (VolumeReader z = Volumes.open(zarr); VolumeReader t = Volumes.open(back)) {
      assertEquals(original, z.readAll());
      assertEquals(original, t.readAll());
      assertEquals(new Size3(256, 256, 8), z.info().chunks());
    }
    // An independent reader of each end: tifffile for the sections, zarr-python for the array.
    Python.require("numpy", "tifffile", "zarr");
    String crcs = Python.run("""
        import sys, glob, zlib, numpy as np, tifffile, zarr
        a = np.stack([tifffile.imread(f) for f in sorted(glob.glob(sys.argv[1] + '/*.tif'))])
        z = zarr.open_array(sys.argv[2], mode='r')[...]
        assert a.dtype == np.uint8 and z.dtype == np.uint8 and a.shape == z.shape == (20, 1024, 1024)
        print(zlib.crc32(a.tobytes()), zlib.crc32(z.tobytes()))
        """, raw.toString(), dir.resolve("raw.zarr").toString()).strip();
    String expected = original.checksum() + " " + original.checksum();
    assertEquals(expected, crcs);
  }
}
