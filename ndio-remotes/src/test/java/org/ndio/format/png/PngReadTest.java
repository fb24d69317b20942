package org.ndio.format.png;

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
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.Fixtures;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Reads PNG stacks PIL wrote and compares them with what imageio reads (imageio expands 1-bit
 * and grey-palette PNGs to 0..255 grey; for RGB images with equal channels the reference is
 * channel 0).
 */
class PngReadTest {

  @TempDir
  static Path dir;

  static JsonNode expected;

  private static final String WRITE = String.join("\n",
      "import os, imageio",
      "from PIL import Image",
      "d = sys.argv[1]",
      "rng = np.random.default_rng(5)",
      "res = {}",
      "def stack(name, files, grey=lambda a: a):",
      "    os.mkdir(d + '/' + name)",
      "    for f, im in files:",
      "        im.save(d + '/' + name + '/' + f)",
      "    a = np.stack([grey(imageio.imread(d + '/' + name + '/' + f)) for f, im in files])",
      "    res[name] = {'crc': crc(a), 'dtype': a.dtype.name, 'shape': list(a.shape),",
      "                 'sub': crc(a[1:3, 2:7, 3:9]), 'first': a[0, 0, 0].item(),",
      "                 'last': a[-1, -1, -1].item()}",
      "def u8(shape=(9, 11)):",
      "    return rng.integers(0, 256, shape).astype('u1')",
      "stack('grey8', [(n, Image.fromarray(u8())) for n in ['a1.png', 'a2.png', 'a10.png']])",
      "open(d + '/grey8/notes.txt', 'w').write('ignored')",
      "open(d + '/grey8/scan.tif', 'w').write('ignored too')",
      "a16 = [rng.integers(0, 65536, (9, 11)).astype('u2') for i in range(3)]",
      "stack('grey16', [('%02d.png' % i, Image.fromarray(a)) for i, a in enumerate(a16)])",
      "assert Image.open(d + '/grey16/00.png').mode.startswith('I')",
      "stack('bits1', [('%d.png' % i, Image.fromarray(u8() > 128)) for i in range(3)])",
      "def pal(colours):",
      "    im = Image.fromarray((u8() % 4).astype('u1'), mode='P')",
      "    im.putpalette(colours)",
      "    return im",
      "grey_pal = [0, 0, 0, 85, 85, 85, 170, 170, 170, 255, 255, 255]",
      "stack('palgrey', [('%d.png' % i, pal(grey_pal)) for i in range(3)])",
      "def rgb(a, *extra):",
      "    return Image.fromarray(np.stack([a, a, a] + list(extra), -1))",
      "stack('rgbgrey', [('%d.png' % i, rgb(u8())) for i in range(3)], lambda a: a[..., 0])",
      "full = np.full((9, 11), 255, 'u1')",
      "stack('rgbagrey', [('%d.png' % i, rgb(u8(), full)) for i in range(3)], lambda a: a[..., 0])",
      "stack('lagrey', [('%d.png' % i, Image.fromarray(np.stack([u8(), full], -1), 'LA'))",
      "                 for i in range(3)], lambda a: a[..., 0])",
      "def save_trns(im, t):",
      "    class Trns:",
      "        def save(self, path):",
      "            im.save(path, transparency=t)",
      "    return Trns()",
      "ch0 = lambda a: a[..., 0] if a.ndim == 3 else a",
      "stack('greytrns', [('%d.png' % i, save_trns(Image.fromarray(u8()), 0)) for i in range(3)])",
      "stack('rgbtrns', [('%d.png' % i, save_trns(rgb(u8()), (0, 0, 0))) for i in range(3)], ch0)",
      "stack('paltrns', [('%d.png' % i, save_trns(pal(grey_pal), 1)) for i in range(3)], ch0)",
      "os.mkdir(d + '/bad')",
      "pal([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]).save(d + '/bad/palcolour.png')",
      "g = u8()",
      "Image.fromarray(np.stack([g, g, 255 - g], -1)).save(d + '/bad/rgbcolour.png')",
      "rgb(g, u8()).save(d + '/bad/rgba.png')",
      "Image.fromarray(np.stack([g, u8()], -1), 'LA').save(d + '/bad/la.png')",
      "os.mkdir(d + '/mixsize')",
      "Image.fromarray(u8()).save(d + '/mixsize/0.png')",
      "Image.fromarray(u8((9, 12))).save(d + '/mixsize/1.png')",
      "os.mkdir(d + '/mixdepth')",
      "Image.fromarray(u8()).save(d + '/mixdepth/0.png')",
      "Image.fromarray(a16[0]).save(d + '/mixdepth/1.png')",
      "os.mkdir(d + '/empty')",
      "open(d + '/empty/readme.txt', 'w').write('no sections')",
      "print(json.dumps(res))");

  @BeforeAll
  static void writeWithPil() {
    Python.require("numpy", "PIL", "imageio");
    expected = Fixtures.python(WRITE, dir);
  }

  static VolumeReader open(String name) {
    return new PngFormat().open(VolumeUrl.parse("png:" + dir.resolve(name)));
  }

  @Test
  void everyStackEqualsWhatImageioReads() {
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
        Volume v = r.readAll();
        assertEquals(x.get("crc").asLong(), v.checksum(), msg);
        assertEquals(x.get("first").asLong(), v.getLong(0, 0, 0), msg);
        assertEquals(x.get("last").asLong(), v.getLong(10, 8, 2), msg);
        assertEquals(x.get("sub").asLong(), r.read(new BoundingBox(3, 9, 2, 7, 1, 3)).checksum(),
            msg + " sub-box");
        checked++;
      }
    }
    assertEquals(10, checked);
  }

  @Test
  void aSingleFileReadsAsOneSection() {
    try (VolumeReader r = open("grey16/01.png"); VolumeReader all = open("grey16")) {
      assertEquals(BoundingBox.ofShape(11, 9, 1), r.info().extent());
      assertEquals(all.read(new BoundingBox(0, 11, 0, 9, 1, 2)), r.readAll());
    }
  }

  @Test
  void colourAndTranslucentPixelsAreRefusedNamingFileAndPixel() {
    for (String name : new String[] {"palcolour.png", "rgbcolour.png", "rgba.png", "la.png"}) {
      UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> {
        try (VolumeReader r = open("bad/" + name)) {
          r.readAll();
        }
      }, name);
      assertTrue(e.getMessage().contains(name) && e.getMessage().contains("pixel ("),
          e.getMessage());
    }
  }

  @Test
  void sectionsMustShareSizeAndDepth() {
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> open("mixsize"));
    assertTrue(e.getMessage().contains("1.png is 12x9 uint8"), e.getMessage());
    e = assertThrows(CorruptDataException.class, () -> open("mixdepth"));
    assertTrue(e.getMessage().contains("1.png is 11x9 uint16"), e.getMessage());
  }

  @Test
  void emptyMissingTruncatedAndForeignInputAreTypedErrors() throws Exception {
    VolumeNotFoundException nf = assertThrows(VolumeNotFoundException.class, () -> open("empty"));
    assertTrue(nf.getMessage().contains("no .png files"), nf.getMessage());
    assertThrows(VolumeNotFoundException.class, () -> open("absent"));

    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("0.png"), "this is text, not a PNG");
    CorruptDataException c = assertThrows(CorruptDataException.class, () -> open("foreign"));
    assertTrue(c.getMessage().contains("0.png"), c.getMessage());

    byte[] all = Files.readAllBytes(dir.resolve("grey16/01.png"));
    for (int keep : new int[] {10, 40, all.length / 2, all.length - 20}) {
      Path cut = dir.resolve("cut" + keep);
      Files.createDirectories(cut);
      Files.write(cut.resolve("x.png"), Arrays.copyOf(all, keep));
      CorruptDataException ex = assertThrows(CorruptDataException.class, () -> {
        try (VolumeReader r = open(cut.getFileName().toString())) {
          r.readAll();
        }
      }, "cut at " + keep);
      assertTrue(ex.getMessage().contains("x.png"), ex.getMessage());
    }
  }
}
