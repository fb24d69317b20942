package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.format.png.PngFormat;
import org.ndio.format.tiff.TiffFormat;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The real ssTEM stack in {@code ../shared}: 20 big-endian ImageJ TIFF sections of 1024 x 1024
 * and its PNG masks (8-bit grey mitochondria, 1-bit membranes), compared with tifffile and
 * imageio. Prints read and write times.
 */
class SharedStackTest {

  @TempDir
  Path dir;

  private static final String REFERENCE = String.join("\n",
      "import glob, imageio, tifffile",
      "from PIL import Image",
      "d = sys.argv[1]",
      "raw = tifffile.imread(sorted(glob.glob(d + '/raw/*.tif')))",
      "assert all(tifffile.TiffFile(f).byteorder == '>' for f in glob.glob(d + '/raw/*.tif'))",
      "mito = np.stack([imageio.imread(f) for f in sorted(glob.glob(d + '/mitochondria/*.png'))])",
      "mem = [sorted(glob.glob(d + '/membranes/*.png'))]",
      "memb = np.stack([imageio.imread(f) for f in mem[0]])",
      "pil = np.stack([np.array(Image.open(f)) for f in mem[0]]).astype('u1') * 255",
      "assert (pil == memb).all()",
      "print(json.dumps({'raw': crc(raw), 'raw_shape': raw.shape, 'raw_dtype': raw.dtype.name,",
      "    'raw_sub': crc(raw[3:17, 100:612, 300:1000]), 'raw_v': int(raw[19, 1023, 1023]),",
      "    'mito': crc(mito), 'mito_dtype': mito.dtype.name, 'memb': crc(memb),",
      "    'memb_values': sorted(int(v) for v in np.unique(memb))}))");

  private static Volume read(VolumeFormat f, String url, BoundingBox box, String what) {
    long t0 = System.nanoTime();
    try (VolumeReader r = f.open(VolumeUrl.parse(url))) {
      Volume v = box == null ? r.readAll() : r.read(box);
      System.out.printf("%s: read %s in %d ms%n", what, v, (System.nanoTime() - t0) / 1_000_000);
      return v;
    }
  }

  @Test
  void rawTiffSectionsAndPngMasksEqualTheReferenceReaders() {
    Path stack = SharedData.drosophilaStack();
    Python.require("numpy", "tifffile", "imageio", "PIL");
    JsonNode want = Fixtures.python(REFERENCE, stack);

    Volume raw = read(new TiffFormat(), "tiff:" + stack.resolve("raw"), null, "tiff:DIR raw");
    assertEquals("[20,1024,1024]", want.get("raw_shape").toString());
    assertEquals(DataType.UINT8, raw.dtype());
    assertEquals(raw.shape(), BoundingBox.ofShape(1024, 1024, 20));
    assertEquals(want.get("raw").asLong(), raw.checksum());
    assertEquals(want.get("raw_v").asLong(), raw.getLong(1023, 1023, 19));
    Volume sub = read(new TiffFormat(), "tiff:" + stack.resolve("raw"),
        new BoundingBox(300, 1000, 100, 612, 3, 17), "tiff:DIR raw sub-box");
    assertEquals(want.get("raw_sub").asLong(), sub.checksum());

    Volume mito = read(new PngFormat(), "png:" + stack.resolve("mitochondria"), null,
        "png:DIR mitochondria");
    assertEquals(DataType.UINT8, mito.dtype());
    assertEquals(want.get("mito").asLong(), mito.checksum());
    Volume memb = read(new PngFormat(), "png:" + stack.resolve("membranes"), null,
        "png:DIR membranes (1-bit)");
    assertEquals("[0,255]", want.get("memb_values").toString());
    assertEquals(want.get("memb").asLong(), memb.checksum());

    for (String target : new String[] {"raw.tif", "raw_dir"}) {
      Path out = dir.resolve(target);
      long t0 = System.nanoTime();
      try (VolumeWriter w = new TiffFormat().create(VolumeUrl.parse("tiff:" + out),
          VolumeSpec.of(DataType.UINT8, new Size3(1024, 1024, 20)), WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, raw);
        w.commit();
      }
      System.out.printf("tiff:%s: wrote 20 MB deflated in %d ms%n", target,
          (System.nanoTime() - t0) / 1_000_000);
      assertEquals(raw, read(new TiffFormat(), "tiff:" + out, null, "tiff:" + target));
    }
    long t0 = System.nanoTime();
    try (VolumeWriter w = new PngFormat().create(VolumeUrl.parse("png:" + dir.resolve("png")),
        VolumeSpec.of(DataType.UINT8, new Size3(1024, 1024, 20)), WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, raw);
      w.commit();
    }
    System.out.printf("png:DIR: wrote 20 MB in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertEquals(raw, read(new PngFormat(), "png:" + dir.resolve("png"), null, "png:DIR"));
  }

  private static final String H5PY = String.join("\n",
      "import glob, h5py, tifffile",
      "d, ours, theirs = sys.argv[1:4]",
      "raw = tifffile.imread(sorted(glob.glob(d + '/raw/*.tif')))",
      "with h5py.File(ours, 'r') as f:",
      "    a = f['volumes/raw'][()]",
      "    chunks = f['volumes/raw'].chunks",
      "with h5py.File(theirs, 'w') as f:",
      "    f.create_dataset('raw', data=raw, chunks=(8, 128, 128), compression='gzip',",
      "                     shuffle=True)",
      "print(json.dumps({'ours': crc(a), 'chunks': chunks, 'raw': crc(raw),",
      "                  'sub': crc(raw[5:15, 200:700, 10:1000])}))");

  @Test
  void rawStackThroughHdf5BothWays() {
    Path stack = SharedData.drosophilaStack();
    Python.require("numpy", "tifffile", "h5py");
    Volume raw = read(new TiffFormat(), "tiff:" + stack.resolve("raw"), null, "tiff:DIR raw");
    Path ours = dir.resolve("ours.h5");
    long t0 = System.nanoTime();
    try (VolumeWriter w = new org.ndio.format.hdf5.Hdf5Format().create(
        VolumeUrl.parse("hdf5:" + ours + "#/volumes/raw"),
        VolumeSpec.of(DataType.UINT8, new Size3(1024, 1024, 20))
            .withChunks(new Size3(256, 256, 20)).withCompressor("shuffle+gzip:1"),
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, raw);
      w.commit();
    }
    System.out.printf("hdf5: wrote 20 MB chunked gzip:1 in %d ms%n",
        (System.nanoTime() - t0) / 1_000_000);
    Path theirs = dir.resolve("theirs.h5");
    JsonNode got = Fixtures.python(H5PY, stack, ours, theirs);
    assertEquals(raw.checksum(), got.get("ours").asLong(), "h5py reads what jhdf wrote");
    assertEquals("[20,256,256]", got.get("chunks").toString());
    org.ndio.format.hdf5.Hdf5Format h5 = new org.ndio.format.hdf5.Hdf5Format();
    assertEquals(got.get("raw").asLong(), read(h5, "hdf5:" + theirs, null,
        "hdf5: h5py chunks (8,128,128) shuffle+gzip").checksum());
    assertEquals(got.get("sub").asLong(), read(h5, "hdf5:" + theirs,
        new BoundingBox(10, 1000, 200, 700, 5, 15), "hdf5: sub-box").checksum());
    assertEquals(raw.view(0, 0, 7, 1024, 1024, 1), read(h5, "hdf5:" + theirs,
        new BoundingBox(0, 1024, 0, 1024, 7, 8), "hdf5: one section"));
  }
}
