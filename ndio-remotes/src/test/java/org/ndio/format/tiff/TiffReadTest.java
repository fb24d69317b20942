package org.ndio.format.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** Reads stacks tifffile wrote and compares them with what tifffile reads. */
class TiffReadTest {

  @TempDir
  static Path dir;

  static JsonNode expected;

  private static final String WRITE = String.join("\n",
      "import os, tifffile",
      "d = sys.argv[1]",
      "rng = np.random.default_rng(11)",
      "res = {}",
      "def sample(dt, shape):",
      "    t = np.dtype(dt)",
      "    if t.kind == 'f':",
      "        return ((rng.random(shape) - 0.5) * 1e6).astype(t)",
      "    i = np.iinfo(t)",
      "    w = np.uint64 if t.kind == 'u' else np.int64",
      "    return rng.integers(i.min, i.max, size=shape, dtype=w, endpoint=True).astype(t)",
      "def rec(name, a):",
      "    res[name] = {'crc': crc(a), 'dtype': a.dtype.newbyteorder('=').name,",
      "        'shape': list(a.shape), 'sub': crc(a[1:3, 2:7, 3:9]),",
      "        'first': a[0, 0, 0].item(), 'last': a[-1, -1, -1].item()}",
      "def mb(**k):",
      "    return dict(photometric='minisblack', **k)",
      "for t in ['u1', 'i1', 'u2', 'i2', 'u4', 'i4', 'f4', 'f8']:",
      "    for bo, o in (('<', 'le'), ('>', 'be')):",
      "        a = sample(bo + t, (4, 9, 11))",
      "        name = '%s_%s.tif' % (t, o)",
      "        tifffile.imwrite(d + '/' + name, a, byteorder=bo, **mb())",
      "        assert tifffile.TiffFile(d + '/' + name).byteorder == bo",
      "        rec(name, tifffile.imread(d + '/' + name))",
      "a = sample('<u2', (3, 9, 11))",
      "tifffile.imwrite(d + '/deflate.tif', a, compression='zlib', **mb())",
      "rec('deflate.tif', tifffile.imread(d + '/deflate.tif'))",
      "a = sample('>u2', (3, 9, 11))",
      "tifffile.imwrite(d + '/strips.tif', a, compression='zlib', rowsperstrip=2,",
      "                 byteorder='>', **mb())",
      "assert len(tifffile.TiffFile(d + '/strips.tif').pages[0].dataoffsets) == 5",
      "rec('strips.tif', tifffile.imread(d + '/strips.tif'))",
      "p1 = tifffile.TiffFile(d + '/strips.tif').pages[1]",
      "res['strips.tif']['strip'] = [int(p1.dataoffsets[1]), int(p1.databytecounts[1])]",
      "a = sample('<u1', (3, 9, 11))",
      "tifffile.imwrite(d + '/plainstrips.tif', a, rowsperstrip=4, **mb())",
      "rec('plainstrips.tif', tifffile.imread(d + '/plainstrips.tif'))",
      "a = sample('<i2', (3, 9, 11))",
      "tifffile.imwrite(d + '/predictor.tif', a, compression='zlib', predictor=True,",
      "                 rowsperstrip=4, **mb())",
      "rec('predictor.tif', tifffile.imread(d + '/predictor.tif'))",
      "a = sample('>f4', (3, 32, 48))",
      "tifffile.imwrite(d + '/tiled.tif', a, tile=(16, 16), byteorder='>', **mb())",
      "rec('tiled.tif', tifffile.imread(d + '/tiled.tif'))",
      "a = sample('>i2', (3, 9, 11))",
      "tifffile.imwrite(d + '/big.tif', a, bigtiff=True, byteorder='>', **mb())",
      "rec('big.tif', tifffile.imread(d + '/big.tif'))",
      "os.mkdir(d + '/dir')",
      "a = sample('>u2', (3, 9, 11))",
      "for i, n in enumerate(['img1', 'img2', 'img10']):",
      "    tifffile.imwrite(d + '/dir/' + n + '.tif', a[i], byteorder='>', **mb())",
      "open(d + '/dir/notes.txt', 'w').write('not a section')",
      "open(d + '/dir/.hidden.tif', 'w').write('not a section either')",
      "rec('dir', a)",
      "a = sample('<u1', (3, 9, 11))",
      "tifffile.imwrite(d + '/ij.tif', a, imagej=True, resolution=(1 / 4.6, 1 / 4.6),",
      "                 metadata={'spacing': 50.0, 'unit': 'nm', 'axes': 'ZYX'})",
      "rec('ij.tif', a)",
      "tifffile.imwrite(d + '/rgb.tif', sample('<u1', (9, 11, 3)), photometric='rgb')",
      "with tifffile.TiffWriter(d + '/mixed.tif') as w:",
      "    w.write(sample('<u1', (9, 11)), **mb())",
      "    w.write(sample('<u1', (9, 11)), **mb())",
      "    w.write(sample('<u1', (9, 12)), **mb())",
      "with tifffile.TiffWriter(d + '/mixedtype.tif') as w:",
      "    w.write(sample('<u1', (9, 11)), **mb())",
      "    w.write(sample('<i1', (9, 11)), **mb())",
      "os.mkdir(d + '/mixdir')",
      "tifffile.imwrite(d + '/mixdir/00.tif', sample('<u1', (9, 11)), **mb())",
      "tifffile.imwrite(d + '/mixdir/01.tif', sample('<u2', (9, 11)), **mb())",
      "tifffile.imwrite(d + '/i8.tif', sample('<i8', (2, 9, 11)), **mb())",
      "os.mkdir(d + '/emptydir')",
      "open(d + '/emptydir/readme.txt', 'w').write('no sections')",
      "print(json.dumps(res))");

  @BeforeAll
  static void writeWithTifffile() {
    Python.require("numpy", "tifffile");
    expected = Fixtures.python(WRITE, dir);
  }

  static VolumeReader open(String name) {
    return new TiffFormat().open(VolumeUrl.parse("tiff:" + dir.resolve(name)));
  }

  @Test
  void everyStackEqualsWhatTifffileReads() {
    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode x = e.getValue();
      String msg = e.getKey();
      try (VolumeReader r = open(e.getKey())) {
        JsonNode s = x.get("shape");
        assertEquals(x.get("dtype").asText(), r.info().dtype().numpyName(), msg);
        assertEquals(BoundingBox.ofShape(s.get(2).asLong(), s.get(1).asLong(),
            s.get(0).asLong()), r.info().extent(), msg);
        assertEquals(new Size3(s.get(2).asLong(), s.get(1).asLong(), 1), r.info().chunks());
        Volume v = r.readAll();
        assertEquals(x.get("crc").asLong(), v.checksum(), msg);
        int lx = v.sizeX() - 1;
        int ly = v.sizeY() - 1;
        int lz = v.sizeZ() - 1;
        if (v.dtype().isFloat()) {
          assertEquals(x.get("first").asDouble(), v.getDouble(0, 0, 0), msg);
          assertEquals(x.get("last").asDouble(), v.getDouble(lx, ly, lz), msg);
        } else {
          assertEquals(x.get("first").asLong(), v.getLong(0, 0, 0), msg);
          assertEquals(x.get("last").asLong(), v.getLong(lx, ly, lz), msg);
        }
        Volume sub = r.read(new BoundingBox(3, 9, 2, 7, 1, 3));
        assertEquals(x.get("sub").asLong(), sub.checksum(), msg + " sub-box");
        checked++;
      }
    }
    assertEquals(24, checked);
  }

  @Test
  void compressionAndDirectoryOrderAreReported() {
    try (VolumeReader r = open("deflate.tif")) {
      assertEquals("deflate", r.info().compressor());
    }
    try (VolumeReader r = open("u2_be.tif")) {
      assertEquals("none", r.info().compressor());
    }
  }

  @Test
  void imageJCalibrationGivesTheVoxelSize() {
    try (VolumeReader r = open("ij.tif")) {
      VoxelSize v = r.info().voxelSize().orElseThrow();
      assertEquals(4.6, v.x(), 1e-6);
      assertEquals(4.6, v.y(), 1e-6);
      assertEquals(50.0, v.z(), 1e-12);
      assertEquals("nanometer", v.unit());
    }
    try (VolumeReader r = open("u1_le.tif")) {
      assertTrue(r.info().voxelSize().isEmpty());
    }
  }

  @Test
  void onlyTheSectionsABoxNeedsAreDecoded() throws Exception {
    Path stack = dir.resolve("lazy");
    Files.createDirectories(stack);
    for (String n : new String[] {"img1.tif", "img2.tif", "img10.tif"}) {
      Files.copy(dir.resolve("dir").resolve(n), stack.resolve(n));
    }
    try (VolumeReader r = new TiffFormat().open(VolumeUrl.parse("tiff:" + stack))) {
      Volume whole = r.readAll();
      Files.writeString(stack.resolve("img10.tif"), "overwritten after opening");
      assertEquals(whole.view(0, 0, 0, 11, 9, 2), r.read(new BoundingBox(0, 11, 0, 9, 0, 2)));
      CorruptDataException e = assertThrows(CorruptDataException.class,
          () -> r.read(new BoundingBox(0, 11, 0, 9, 2, 3)));
      assertTrue(e.getMessage().contains("img10.tif"), e.getMessage());
    }
  }

  @Test
  void aDamagedDeflateStripIsATypedErrorNamingThePage() throws Exception {
    byte[] spoiled = Files.readAllBytes(dir.resolve("strips.tif"));
    // Strip 1 of page 1, as tifffile placed it: its deflate data (after the 2-byte zlib header)
    // overwritten, so only that page's decode can notice.
    int at = expected.get("strips.tif").get("strip").get(0).asInt();
    int count = expected.get("strips.tif").get("strip").get(1).asInt();
    Arrays.fill(spoiled, at + 2, at + count, (byte) 0xff);
    Files.write(dir.resolve("badstrips.tif"), spoiled);
    try (VolumeReader r = open("badstrips.tif")) {
      CorruptDataException e = assertThrows(CorruptDataException.class, r::readAll);
      assertTrue(e.getMessage().contains("badstrips.tif: page 1"), e.getMessage());
      // the other pages still read
      r.read(new BoundingBox(0, 11, 0, 9, 0, 1));
    }
  }

  @Test
  void colourAndUnreadableTypesAreRefused() {
    UnsupportedFeatureException u =
        assertThrows(UnsupportedFeatureException.class, () -> open("rgb.tif"));
    assertTrue(u.getMessage().contains("3 samples per pixel"), u.getMessage());
    DataTypeException t = assertThrows(DataTypeException.class, () -> open("i8.tif"));
    assertTrue(t.getMessage().contains("64-bit signed integer") && t.getMessage()
        .contains("i8.tif"), t.getMessage());
  }

  @Test
  void pagesOfDifferentSizeOrTypeAreCorrupt() {
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> open("mixed.tif"));
    assertTrue(e.getMessage().contains("page 2 is 12x9 uint8")
        && e.getMessage().contains("page 0 is 11x9 uint8"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> open("mixedtype.tif"));
    assertTrue(e.getMessage().contains("page 1 is 11x9 int8"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> open("mixdir"));
    assertTrue(e.getMessage().contains("01.tif is 11x9 uint16"), e.getMessage());
  }

  @Test
  void missingEmptyTruncatedAndForeignFilesAreTypedErrors() throws Exception {
    assertThrows(VolumeNotFoundException.class, () -> open("absent.tif"));
    VolumeNotFoundException nf =
        assertThrows(VolumeNotFoundException.class, () -> open("emptydir"));
    assertTrue(nf.getMessage().contains("emptydir"), nf.getMessage());

    Files.writeString(dir.resolve("text.tif"), "plain text, not a TIFF at all");
    CorruptDataException c = assertThrows(CorruptDataException.class, () -> open("text.tif"));
    assertTrue(c.getMessage().contains("text.tif"), c.getMessage());

    // A cut file either still holds every page whole (a cut in trailing metadata) and reads
    // exactly, or reading it is a typed error naming it: never fewer pages or other values.
    int failed = 0;
    for (String name : new String[] {"u2_le.tif", "f8_be.tif", "deflate.tif", "tiled.tif"}) {
      byte[] all = Files.readAllBytes(dir.resolve(name));
      for (int keep : new int[] {6, 200, all.length / 2, all.length - 300, all.length - 1}) {
        String cut = "cut" + keep + "_" + name;
        Files.write(dir.resolve(cut), Arrays.copyOf(all, keep));
        try (VolumeReader r = open(cut)) {
          assertEquals(expected.get(name).get("crc").asLong(), r.readAll().checksum(), cut);
        } catch (CorruptDataException ex) {
          assertTrue(ex.getMessage().contains(cut), ex.getMessage());
          failed++;
        }
      }
    }
    assertTrue(failed >= 16, failed + " of 20 cut files failed to read");
  }
}
