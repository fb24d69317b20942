package org.ndio.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.NdioCliTest.Run;
import org.ndio.jobs.demo.DemoVolume;
import org.ndio.jobs.preview.LabelColours;
import org.ndio.jobs.preview.MeshPicture;
import org.ndio.jobs.preview.Montage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** The picture-making commands on the demo volume: preview, count --montage, mesh --montage. */
class PictureCommandsTest {

  @TempDir
  static Path dir;

  static Path demo;
  static Volume labels;

  @BeforeAll
  static void demo() {
    demo = dir.resolve("demo");
    Run made = NdioCliTest.ndio("demo", demo.toString(), "--shape", "96,64,24", "--seed", "4");
    assertEquals(0, made.status(), made.err());
    try (VolumeReader r = Volumes.open("zarr:" + demo.resolve("labels"))) {
      labels = r.readAll();
    }
  }

  private static boolean coloured(int rgb) {
    int r = rgb >> 16 & 0xFF;
    int g = rgb >> 8 & 0xFF;
    int b = rgb & 0xFF;
    return r != g || g != b;
  }

  @Test
  void previewDrawsTheSectionAndItsLabelsAsPilAndZarrSeeThem() throws Exception {
    Path png = dir.resolve("p.png");
    Run r = NdioCliTest.ndio("preview", "zarr:" + demo.resolve("em"), "--z", "5", "--labels",
        "zarr:" + demo.resolve("labels"), "--box", "8:90,4:60", "--out", png.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith(png + ": section z=5, 8:90,4:60,5:6, 82x56"), r.out());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(82, img.getWidth());
    assertEquals(56, img.getHeight());
    TreeSet<Long> ids = new TreeSet<>();
    for (int y = 4; y < 60; y++) {
      for (int x = 8; x < 90; x++) {
        ids.add(labels.getLong(x, y, 5));
        assertEquals(labels.getLong(x, y, 5) != 0, coloured(img.getRGB(x - 8, y - 4)),
            x + "," + y);
      }
    }
    ids.remove(0L);
    assertTrue(ids.size() >= 3, "cells in the section: " + ids);
    Python.require("numpy", "zarr", "PIL");
    StringJoiner palette = new StringJoiner(",", "{", "}");
    ids.forEach(id -> palette.add("\"" + id + "\":" + LabelColours.rgb(id)));
    String script = String.join("\n",
        "import json, sys",
        "import numpy as np, zarr",
        "from PIL import Image",
        "img = np.array(Image.open(sys.argv[1]).convert('RGB')).astype(np.int64)",
        "g = zarr.open(sys.argv[2], mode='r')[5, 4:60, 8:90].astype(np.int64)",
        "ids = zarr.open(sys.argv[3], mode='r')[5, 4:60, 8:90].astype(np.int64)",
        "pal = {int(k): v for k, v in json.loads(sys.argv[4]).items()}",
        "e = np.stack([g, g, g], axis=-1)",
        "edge = np.zeros(ids.shape, bool)",
        "edge[:, 1:] |= ids[:, 1:] != ids[:, :-1]",
        "edge[:, :-1] |= ids[:, :-1] != ids[:, 1:]",
        "edge[1:, :] |= ids[1:, :] != ids[:-1, :]",
        "edge[:-1, :] |= ids[:-1, :] != ids[1:, :]",
        "for i, c in pal.items():",
        "    rgb = np.array([c >> 16 & 255, c >> 8 & 255, c & 255])",
        "    m = ids == i",
        "    e[m] = np.floor(0.55 * g[m][:, None] + 0.45 * rgb[None, :] + 0.5).astype(np.int64)",
        "    e[m & edge] = rgb",
        "print(int((img != e).sum()), sorted(set(np.unique(ids).tolist()) - {0}) == sorted(pal))");
    assertEquals("0 True", Python.run(script, png.toString(), demo.resolve("em").toString(),
        demo.resolve("labels").toString(), palette.toString()).strip());
  }

  @Test
  void theNewOptionsAreInTheHelp() {
    assertTrue(NdioCliTest.ndio("preview", "--help").out().contains("--labels=URL"));
    assertTrue(NdioCliTest.ndio("count", "--help").out().contains("--montage=FILE.png"));
    assertTrue(NdioCliTest.ndio("mesh", "--help").out().contains("--quiet"));
    assertTrue(NdioCliTest.ndio("downsample", "--help").out().contains("--quiet"));
  }

  @Test
  void previewRefusesASectionOutsideTheVolume() {
    Run r = NdioCliTest.ndio("preview", "zarr:" + demo.resolve("em"), "--z", "24", "--out",
        dir.resolve("no.png").toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("em") && !r.hasStackTrace(), r.err());
    assertFalse(Files.exists(dir.resolve("no.png")));
  }

  @Test
  void countDrawsSectionsWithTheObjectsWhereTheCellsAre() throws Exception {
    Path png = dir.resolve("count.png");
    Run r = NdioCliTest.ndio("count", "zarr:" + demo.resolve("em"), "--threshold",
        "" + DemoVolume.THRESHOLD, "--cuboid", "64,64,16", "--montage", png.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("count: done in "), r.err());
    BufferedImage img = ImageIO.read(png.toFile());
    int g = Montage.GAP;
    assertEquals(g + 3 * (96 + g), img.getWidth());
    assertEquals(Montage.TITLE + g + 2 * (64 + g), img.getHeight());
    // The montage picks, in each of 6 slabs, the section most object voxels are centred on:
    // computed here from the true labels.
    java.util.Map<Long, double[]> sums = new java.util.HashMap<>();
    for (int zz = 0; zz < labels.sizeZ(); zz++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          long id = labels.getLong(x, y, zz);
          if (id != 0) {
            double[] s = sums.computeIfAbsent(id, k -> new double[2]);
            s[0]++;
            s[1] += zz;
          }
        }
      }
    }
    long[] weight = new long[labels.sizeZ()];
    sums.values().forEach(s -> weight[(int) Math.floor(s[1] / s[0])] += (long) s[0]);
    long[] z = Montage.busiest(0, 24, 6, weight);
    int labelled = 0;
    for (int k = 0; k < z.length; k++) {
      int before = labelled;
      int x0 = g + (k % 3) * (96 + g);
      int y0 = Montage.TITLE + g + (k / 3) * (64 + g);
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 96; x++) {
          boolean cell = labels.getLong(x, y, (int) z[k]) != 0;
          labelled += cell ? 1 : 0;
          assertEquals(cell, coloured(img.getRGB(x0 + x, y0 + y)), "z=" + z[k] + " " + x + ","
              + y);
        }
      }
      assertTrue(labelled > before, "section " + z[k] + " shows cells");
    }
    assertTrue(labelled > 1000, "labelled pixels: " + labelled);
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".ndio-montage")),
          "the scratch labels are gone");
    }
    Run quiet = NdioCliTest.ndio("count", "zarr:" + demo.resolve("em"), "--threshold", "128",
        "--quiet");
    assertEquals("", quiet.err());
  }

  @Test
  void meshDrawsSilhouettesWhereTheLabelsAre() throws Exception {
    Path png = dir.resolve("mesh.png");
    Run r = NdioCliTest.ndio("mesh", "zarr:" + demo.resolve("labels"), "--box", "0:64,0:48,0:16",
        "--out", dir.resolve("meshes").toString(), "--montage", png.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains("mesh: done in "), r.err());
    BufferedImage img = ImageIO.read(png.toFile());
    int k = MeshPicture.stretchZ(DemoVolume.VOXEL_SIZE.x(), DemoVolume.VOXEL_SIZE.z());
    int g = Montage.GAP;
    assertEquals(g + (64 + g) + (64 + g) + (48 + g), img.getWidth());
    assertEquals(Montage.TITLE + g + Math.max(48, 16 * k) + g, img.getHeight());
    BoundingBox box = new BoundingBox(0, 64, 0, 48, 0, 16);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        boolean any = false;
        for (int z = 0; z < 16 && !any; z++) {
          any = labels.getLong(x, y, z) != 0;
        }
        int rgb = img.getRGB(g + x, Montage.TITLE + g + y) & 0xFFFFFF;
        assertEquals(any, rgb != 0, "x-y view of " + box + " at " + x + "," + y);
      }
    }
  }
}
