package org.ndio.format.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.InvalidUrlException;
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

/** Writes PNG stacks and checks them with imageio and PIL. */
class PngWriteTest {

  @TempDir
  Path dir;

  private static final String READ = String.join("\n",
      "import glob, os, imageio",
      "from PIL import Image",
      "res = {}",
      "for p in sys.argv[1:]:",
      "    files = sorted(glob.glob(p + '/*'))",
      "    a = np.stack([imageio.imread(f) for f in files])",
      "    b = np.stack([np.array(Image.open(f)) for f in files]).astype(a.dtype)",
      "    res[os.path.basename(p)] = {'crc': crc(a), 'pil': crc(b), 'dtype': a.dtype.name,",
      "        'shape': list(a.shape), 'names': [os.path.basename(f) for f in files],",
      "        'modes': sorted({Image.open(f).mode for f in files})}",
      "print(json.dumps(res))");

  private void write(Path target, Volume v, WriteMode mode) {
    try (VolumeWriter w = new PngFormat().create(VolumeUrl.parse("png:" + target), spec(v),
        mode)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  private static VolumeSpec spec(Volume v) {
    return VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
  }

  @Test
  void imageioAndPilReadOur8And16BitStacks() {
    Python.require("numpy", "PIL", "imageio");
    Volume u8 = TestVolumes.random(DataType.UINT8, 17, 5, 3, 1);
    Volume u16 = TestVolumes.random(DataType.UINT16, 17, 5, 3, 2);
    write(dir.resolve("u8"), u8, WriteMode.ERROR_IF_EXISTS);
    write(dir.resolve("u16"), u16, WriteMode.ERROR_IF_EXISTS);
    JsonNode got = Fixtures.python(READ, dir.resolve("u8"), dir.resolve("u16"));
    for (Volume v : new Volume[] {u8, u16}) {
      String name = v.dtype().numpyName().replace("uint", "u");
      JsonNode x = got.get(name);
      assertEquals(v.dtype().numpyName(), x.get("dtype").asText());
      assertEquals("[3,5,17]", x.get("shape").toString());
      assertEquals(v.checksum(), x.get("crc").asLong(), name + " as imageio reads it");
      assertEquals(v.checksum(), x.get("pil").asLong(), name + " as PIL reads it");
      assertEquals("[\"00000.png\",\"00001.png\",\"00002.png\"]", x.get("names").toString());
      try (VolumeReader r = new PngFormat().open(VolumeUrl.parse("png:" + dir.resolve(name)))) {
        assertEquals(v, r.readAll());
      }
    }
    assertEquals("[\"L\"]", got.get("u8").get("modes").toString());
    assertTrue(got.get("u16").get("modes").get(0).asText().startsWith("I"));
  }

  @Test
  void onlyUint8AndUint16AreWritten() {
    for (DataType t : DataType.values()) {
      if (t == DataType.UINT8 || t == DataType.UINT16) {
        continue;
      }
      DataTypeException e = assertThrows(DataTypeException.class, () -> new PngFormat().create(
          VolumeUrl.parse("png:" + dir.resolve("x")), VolumeSpec.of(t, new Size3(2, 2, 2)),
          WriteMode.OVERWRITE));
      assertTrue(e.getMessage().contains(t.numpyName()) && e.getMessage().contains("hdf5:"),
          e.getMessage());
    }
    assertThrows(InvalidUrlException.class, () -> new PngFormat().create(
        VolumeUrl.parse("png:" + dir.resolve("x.png")),
        VolumeSpec.of(DataType.UINT8, new Size3(2, 2, 1)), WriteMode.OVERWRITE));
  }

  @Test
  void writesAreAtomic() throws Exception {
    Path target = dir.resolve("stack");
    Volume first = TestVolumes.random(DataType.UINT8, 5, 4, 3, 1);
    try (VolumeWriter w = new PngFormat().create(VolumeUrl.parse("png:" + target), spec(first),
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, first);
    }
    assertFalse(Files.exists(target), "close without commit leaves nothing");
    assertEquals(0, count(dir));
    write(target, first, WriteMode.ERROR_IF_EXISTS);
    assertThrows(VolumeExistsException.class, () -> new PngFormat().create(
        VolumeUrl.parse("png:" + target), spec(first), WriteMode.ERROR_IF_EXISTS));
    Volume second = TestVolumes.random(DataType.UINT8, 5, 4, 2, 2);
    write(target, second, WriteMode.OVERWRITE);
    try (VolumeReader r = new PngFormat().open(VolumeUrl.parse("png:" + target))) {
      assertEquals(second, r.readAll());
    }
    assertEquals(2, count(target), "the old directory was replaced whole");
    assertEquals(1, count(dir));
  }

  private static long count(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }
}
