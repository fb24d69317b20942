package org.ndio.format.tiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** Writes TIFF stacks and checks that tifffile reads the same values and layout. */
class TiffWriteTest {

  @TempDir
  Path dir;

  private static final String READ = String.join("\n",
      "import glob, os, tifffile",
      "res = {}",
      "for p in sys.argv[1:]:",
      "    if os.path.isdir(p):",
      "        files = sorted(glob.glob(p + '/*'))",
      "        a = tifffile.imread(files)",
      "        first = files[0]",
      "        names = [os.path.basename(f) for f in files]",
      "    else:",
      "        a = tifffile.imread(p)",
      "        first = p",
      "        names = []",
      "    with tifffile.TiffFile(first) as t:",
      "        pg = t.pages[0]",
      "        e = {'crc': crc(a), 'dtype': a.dtype.name, 'shape': list(a.shape),",
      "             'byteorder': t.byteorder, 'compression': int(pg.compression),",
      "             'pages': len(t.pages), 'names': names}",
      "        if t.is_imagej:",
      "            m = t.imagej_metadata",
      "            e['unit'] = m.get('unit')",
      "            e['spacing'] = m.get('spacing')",
      "            x = pg.tags['XResolution'].value",
      "            e['xres'] = x[0] / x[1]",
      "    res[os.path.basename(p)] = e",
      "print(json.dumps(res))");

  private void write(Path target, Volume v, VolumeSpec spec, WriteMode mode) {
    try (VolumeWriter w = new TiffFormat().create(VolumeUrl.parse("tiff:" + target), spec,
        mode)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  private static VolumeSpec spec(Volume v) {
    return VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
  }

  @Test
  void tifffileReadsOurFilesAndDirectories() {
    Python.require("numpy", "tifffile");
    List<Path> targets = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    DataType[] types = {DataType.UINT8, DataType.UINT16, DataType.UINT32, DataType.FLOAT32};
    for (DataType t : types) {
      Volume v = TestVolumes.random(t, 13, 7, 3, t.ordinal());
      Path file = dir.resolve(t.numpyName() + ".tif");
      Path stack = dir.resolve(t.numpyName() + "_dir");
      write(file, v, spec(v), WriteMode.ERROR_IF_EXISTS);
      write(stack, v, spec(v), WriteMode.ERROR_IF_EXISTS);
      targets.add(file);
      targets.add(stack);
      volumes.add(v);
      volumes.add(v);
    }
    Volume v = TestVolumes.random(DataType.UINT16, 13, 7, 3, 99);
    Path plain = dir.resolve("plain.tiff");
    write(plain, v, spec(v).withCompressor("none"), WriteMode.ERROR_IF_EXISTS);
    targets.add(plain);
    volumes.add(v);

    JsonNode got = Fixtures.python(READ, targets.toArray(new Path[0]));
    for (int i = 0; i < targets.size(); i++) {
      String name = targets.get(i).getFileName().toString();
      JsonNode x = got.get(name);
      Volume want = volumes.get(i);
      assertEquals(want.dtype().numpyName(), x.get("dtype").asText(), name);
      assertEquals("[3,7,13]", x.get("shape").toString(), name);
      assertEquals(want.checksum(), x.get("crc").asLong(), name);
      assertEquals("<", x.get("byteorder").asText(), name);
      assertEquals(name.equals("plain.tiff") ? 1 : 8, x.get("compression").asInt(), name);
      if (name.endsWith("_dir")) {
        assertEquals("[\"00000.tif\",\"00001.tif\",\"00002.tif\"]", x.get("names").toString());
        assertEquals(1, x.get("pages").asInt());
      } else {
        assertEquals(3, x.get("pages").asInt());
      }
      try (VolumeReader r = new TiffFormat().open(VolumeUrl.parse("tiff:" + targets.get(i)))) {
        assertEquals(want, r.readAll(), name);
      }
    }
  }

  @Test
  void voxelSizeIsWrittenAsImageJCalibration() {
    Python.require("numpy", "tifffile");
    Volume v = TestVolumes.random(DataType.UINT8, 8, 6, 4, 5);
    VoxelSize size = new VoxelSize(4.6, 4.6, 50, "nanometer");
    Path file = dir.resolve("cal.tif");
    write(file, v, spec(v).withVoxelSize(size).withCompressor("deflate:9"),
        WriteMode.ERROR_IF_EXISTS);
    Path um = dir.resolve("um");
    write(um, v, spec(v).withVoxelSize(new VoxelSize(0.25, 0.5, 2, "micrometer")),
        WriteMode.ERROR_IF_EXISTS);
    JsonNode got = Fixtures.python(READ, file, um);
    JsonNode x = got.get("cal.tif");
    assertEquals(v.checksum(), x.get("crc").asLong());
    assertEquals("nm", x.get("unit").asText());
    assertEquals(50.0, x.get("spacing").asDouble());
    assertEquals(1 / 4.6, x.get("xres").asDouble(), 1e-9);
    assertEquals("micron", got.get("um").get("unit").asText());
    try (VolumeReader r = new TiffFormat().open(VolumeUrl.parse("tiff:" + file))) {
      assertEquals(size, r.info().voxelSize().orElseThrow());
    }
    try (VolumeReader r = new TiffFormat().open(VolumeUrl.parse("tiff:" + um))) {
      assertEquals(new VoxelSize(0.25, 0.5, 2, "micrometer"), r.info().voxelSize().orElseThrow());
    }
  }

  @Test
  void otherTypesAreRefusedNamingTheTypeAndWhereItFits() {
    for (DataType t : new DataType[] {DataType.INT8, DataType.INT16, DataType.INT32,
        DataType.UINT64, DataType.INT64, DataType.FLOAT64}) {
      DataTypeException e = assertThrows(DataTypeException.class, () -> new TiffFormat()
          .create(VolumeUrl.parse("tiff:" + dir.resolve("x.tif")),
              VolumeSpec.of(t, new Size3(2, 2, 2)), WriteMode.OVERWRITE));
      assertTrue(e.getMessage().contains(t.numpyName()) && e.getMessage().contains("hdf5:"),
          e.getMessage());
    }
    assertThrows(UnsupportedFeatureException.class, () -> new TiffFormat().create(
        VolumeUrl.parse("tiff:" + dir.resolve("x.tif")),
        VolumeSpec.of(DataType.UINT8, new Size3(2, 2, 2)).withCompressor("jpeg"),
        WriteMode.OVERWRITE));
  }

  @Test
  void writesAreAtomicForFilesAndDirectories() throws Exception {
    for (String name : new String[] {"a.tif", "stack"}) {
      Path target = dir.resolve(name);
      Volume first = TestVolumes.random(DataType.UINT16, 5, 4, 3, 1);
      try (VolumeWriter w = new TiffFormat().create(VolumeUrl.parse("tiff:" + target),
          spec(first), WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, first);
      }
      assertFalse(Files.exists(target), name + ": close without commit leaves nothing");
      assertEquals(0, count(dir), "no temporaries left");

      write(target, first, spec(first), WriteMode.ERROR_IF_EXISTS);
      assertThrows(VolumeExistsException.class, () -> new TiffFormat().create(
          VolumeUrl.parse("tiff:" + target), spec(first), WriteMode.ERROR_IF_EXISTS));
      if (Files.isDirectory(target)) {
        Files.writeString(target.resolve("00007.tif"), "left from an older, deeper stack");
      }
      Volume second = TestVolumes.random(DataType.UINT16, 5, 4, 2, 2);
      write(target, second, spec(second), WriteMode.OVERWRITE);
      try (VolumeReader r = new TiffFormat().open(VolumeUrl.parse("tiff:" + target))) {
        assertEquals(second, r.readAll(), name);
      }
      if (Files.isDirectory(target)) {
        assertEquals(2, count(target), "the old directory was replaced whole");
      }
      assertEquals(1, count(dir));
      Files.walk(target).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile()
          .delete());
    }
  }

  private static long count(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }
}
