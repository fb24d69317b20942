package org.ndio.jobs.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

class SliceImageTest {

  @TempDir
  Path dir;

  /** Compares a PNG with what numpy makes of the section (and labels) stored as .npy. */
  private static final String CHECK = String.join("\n",
      "import json, sys",
      "import numpy as np",
      "from PIL import Image",
      "png, grey, labels, spec = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])",
      "img = np.array(Image.open(png))",
      "a = np.load(grey)[0].astype(np.float64)",
      "if spec['window'] is None:",
      "    lo, hi = float(a.min()), float(a.max())",
      "else:",
      "    lo, hi = spec['window']",
      "g = np.clip(np.floor((a - lo) * 255 / (hi - lo) + 0.5), 0, 255).astype(np.int64)",
      "if labels == '-':",
      "    assert img.ndim == 2, img.shape",
      "    expect = g",
      "else:",
      "    ids = np.load(labels)[0].astype(np.int64)",
      "    pal = {int(k): v for k, v in spec['palette'].items()}",
      "    al = spec['alpha']",
      "    expect = np.stack([g, g, g], axis=-1)",
      "    edge = np.zeros(ids.shape, bool)",
      "    edge[:, 1:] |= ids[:, 1:] != ids[:, :-1]",
      "    edge[:, :-1] |= ids[:, :-1] != ids[:, 1:]",
      "    edge[1:, :] |= ids[1:, :] != ids[:-1, :]",
      "    edge[:-1, :] |= ids[:-1, :] != ids[1:, :]",
      "    for i, c in pal.items():",
      "        rgb = np.array([c >> 16 & 255, c >> 8 & 255, c & 255])",
      "        m = ids == i",
      "        mixed = np.floor((1 - al) * g[m][:, None] + al * rgb[None, :] + 0.5)",
      "        expect[m] = mixed.astype(np.int64)",
      "        if spec['outlines']:",
      "            expect[m & edge] = rgb",
      "    assert img.shape == expect.shape, (img.shape, expect.shape)",
      "bad = np.argwhere(img.astype(np.int64) != expect)",
      "print(len(bad), bad[:3].tolist())");

  private String npy(String name, Volume v) {
    Path p = dir.resolve(name + ".npy");
    if (!Files.exists(p)) {
      TestVolumes.write("npy:" + p, v, null, null);
    }
    return p.toString();
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  @Test
  void uint8SectionsAreStoredAsTheyAre() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 37, 23, 1, 5);
    byte[] png = SliceImage.png(SliceImage.grey(v));
    BufferedImage back = decode(png);
    assertEquals(37, back.getWidth());
    assertEquals(23, back.getHeight());
    for (int y = 0; y < 23; y++) {
      for (int x = 0; x < 37; x++) {
        assertEquals(v.getLong(x, y, 0), back.getRaster().getSample(x, y, 0), x + "," + y);
      }
    }
    Python.require("numpy", "PIL");
    Path file = dir.resolve("g.png");
    Files.write(file, png);
    assertEquals("0 []", Python.run(CHECK, file.toString(), npy("g", v), "-",
        "{\"window\": [0, 255]}").strip());
  }

  @Test
  void otherTypesAreScaledFromTheirRangeOrTheGivenWindow() throws Exception {
    Python.require("numpy", "PIL");
    Volume v = TestVolumes.random(DataType.UINT16, 50, 31, 1, 7);
    Path auto = dir.resolve("auto.png");
    SliceImage.writePng(SliceImage.grey(v), auto);
    assertEquals("0 []", Python.run(CHECK, auto.toString(), npy("u16", v), "-",
        "{\"window\": null}").strip());

    Volume f = Volume.allocate(DataType.FLOAT32, 40, 30, 1);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        f.setDouble(x, y, 0, Math.sin(x * 0.3) * Math.cos(y * 0.2) * 3);
      }
    }
    Path fixed = dir.resolve("f.png");
    SliceImage.writePng(SliceImage.grey(f, Window.parse("-1,2.5")), fixed);
    assertEquals("0 []", Python.run(CHECK, fixed.toString(), npy("f32", f), "-",
        "{\"window\": [-1, 2.5]}").strip());
  }

  @Test
  void labelsAreBlendedInTheirColoursWithOutlinesAndBackgroundClear() throws Exception {
    Volume grey = TestVolumes.random(DataType.UINT8, 64, 48, 1, 3);
    Volume ids = Volume.allocate(DataType.UINT64, 64, 48, 1);
    long[] labels = {1, 2, 7, 1L << 40};
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        int k = (x - 20) * (x - 20) + (y - 20) * (y - 20) < 150 ? 0
            : x > 40 && y > 30 ? 1 : x < 10 && y < 10 ? 2 : x > 50 && y < 8 ? 3 : -1;
        ids.setLong(x, y, 0, k < 0 ? 0 : labels[k]);
      }
    }
    // Background, a disc (id 1), blocks (ids 2, 7, 2^40) and a band of 7 touching the 7s.
    for (int y = 0; y < 10; y++) {
      ids.setLong(10, y, 0, 7);
      ids.setLong(11, y, 0, 7);
    }
    TreeSet<Long> present = new TreeSet<>();
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        present.add(ids.getLong(x, y, 0));
      }
    }
    present.remove(0L);
    StringJoiner palette = new StringJoiner(", ", "{", "}");
    present.forEach(id -> palette.add("\"" + id + "\": " + LabelColours.rgb(id)));
    for (boolean outlines : new boolean[] {true, false}) {
      BufferedImage img = SliceImage.overlay(grey, Window.UINT8, ids, 0.45, outlines);
      BufferedImage back = decode(SliceImage.png(img));
      // Background pixels keep their grey; an interior labelled pixel is the blend.
      int g = (int) grey.getLong(0, 20, 0);
      assertEquals(g << 16 | g << 8 | g, back.getRGB(0, 20) & 0xFFFFFF);
      int inside = (int) grey.getLong(55, 40, 0);
      assertEquals(SliceImage.blend(inside, LabelColours.rgb(2), 0.45),
          back.getRGB(55, 40) & 0xFFFFFF);
      Python.require("numpy", "PIL");
      Path file = dir.resolve("o" + outlines + ".png");
      SliceImage.writePng(img, file);
      String spec = "{\"window\": [0, 255], \"alpha\": 0.45, \"outlines\": " + outlines
          + ", \"palette\": " + palette + "}";
      assertEquals("0 []", Python.run(CHECK, file.toString(), npy("grey", grey),
          npy("ids", ids), spec).strip(), "outlines " + outlines);
    }
  }

  @Test
  void badInputIsRefusedWithTypedErrors() {
    Volume grey = TestVolumes.random(DataType.UINT8, 8, 8, 1, 1);
    assertThrows(NdioException.class, () -> SliceImage.overlay(grey, Window.UINT8,
        Volume.allocate(DataType.UINT8, 8, 7, 1), 0.5, true));
    assertThrows(DataTypeException.class, () -> SliceImage.overlay(grey, Window.UINT8,
        Volume.allocate(DataType.FLOAT32, 8, 8, 1), 0.5, true));
    assertThrows(NdioException.class, () -> Window.parse("3"));
    assertThrows(NdioException.class, () -> Window.parse("5,2"));
    assertThrows(NdioException.class, () -> Window.parse("a,b"));
    Volume constant = Volume.allocate(DataType.UINT16, 4, 4, 1);
    constant.fill(9L);
    assertEquals(new Window(9, 10), Window.of(constant));
    assertTrue(SliceImage.grey(constant).getRaster().getSample(1, 1, 0) == 0);
  }
}
