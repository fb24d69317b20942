package org.ndio.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ndio.InvalidUrlException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticVolumeTest {

  private static final String PARAMS = "shape=157,131,41&chunks=32,32,16&seed=7";

  /** Per-label voxel counts, coordinate sums and bounds, straight from a labels volume. */
  private static Map<Long, double[]> measure(Volume labels, BoundingBox at) {
    Map<Long, double[]> m = new HashMap<>();
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          long id = labels.getLong(x, y, z);
          if (id == 0) {
            continue;
          }
          long gx = at.x0() + x;
          long gy = at.y0() + y;
          long gz = at.z0() + z;
          double[] s = m.computeIfAbsent(id, k -> new double[] {0, 0, 0, 0, Long.MAX_VALUE,
              Long.MAX_VALUE, Long.MAX_VALUE, -1, -1, -1});
          s[0]++;
          s[1] += gx;
          s[2] += gy;
          s[3] += gz;
          s[4] = Math.min(s[4], gx);
          s[5] = Math.min(s[5], gy);
          s[6] = Math.min(s[6], gz);
          s[7] = Math.max(s[7], gx);
          s[8] = Math.max(s[8], gy);
          s[9] = Math.max(s[9], gz);
        }
      }
    }
    return m;
  }

  private static void assertTruthMatches(List<CellTruth> truth, Volume labels, BoundingBox at) {
    Map<Long, double[]> seen = measure(labels, at);
    assertEquals(truth.size(), seen.size(), "cells in " + at);
    for (CellTruth t : truth) {
      double[] s = seen.get(t.id());
      assertTrue(s != null, "cell " + t.id() + " of the truth is not in the labels");
      assertEquals(t.voxels(), (long) s[0], "voxels of cell " + t.id());
      assertEquals(t.centroidX(), s[1] / s[0], 1e-9);
      assertEquals(t.centroidY(), s[2] / s[0], 1e-9);
      assertEquals(t.centroidZ(), s[3] / s[0], 1e-9);
      assertEquals(new BoundingBox((long) s[4], (long) s[7] + 1, (long) s[5], (long) s[8] + 1,
          (long) s[6], (long) s[9] + 1), t.box());
    }
  }

  @Test
  void truthEqualsTheGeneratedLabelsInTheWholeVolumeAndInBoxes() {
    try (SyntheticReader r = (SyntheticReader) Volumes.open("synthetic:cells-labels?" + PARAMS)) {
      BoundingBox all = r.info().extent();
      Volume labels = r.readAll();
      assertTruthMatches(r.cells(all), labels, all);
      assertEquals(r.cells(all).size(), r.cellCount(all));
      for (BoundingBox b : List.of(new BoundingBox(5, 77, 13, 101, 3, 29),
          new BoundingBox(31, 33, 0, 131, 0, 41), new BoundingBox(100, 157, 64, 131, 12, 24))) {
        Volume part = r.read(b);
        assertEquals(labels.view(b), part, "a box reads as the same part of the whole");
        assertTruthMatches(r.cells(b), part, b);
        assertEquals(r.cells(b).size(), r.cellCount(b));
      }
    }
  }

  @Test
  void cellsAreExactlyTheVoxelsAboveHalfTheRange() {
    for (String dtype : List.of("uint8", "uint16")) {
      try (VolumeReader img = Volumes.open("synthetic:cells?" + PARAMS + "&dtype=" + dtype);
          VolumeReader lab = Volumes.open("synthetic:cells-labels?" + PARAMS + "&dtype=uint64")) {
        Volume em = img.readAll();
        Volume labels = lab.readAll();
        double threshold = dtype.equals("uint8") ? 128 : 128 * 257;
        long cellVoxels = 0;
        for (int z = 0; z < em.sizeZ(); z++) {
          for (int y = 0; y < em.sizeY(); y++) {
            for (int x = 0; x < em.sizeX(); x++) {
              boolean bright = em.getDouble(x, y, z) >= threshold;
              boolean cell = labels.getLong(x, y, z) != 0;
              assertEquals(cell, bright, "voxel " + x + "," + y + "," + z);
              cellVoxels += cell ? 1 : 0;
            }
          }
        }
        assertTrue(cellVoxels > em.voxels() / 20, "cells fill a fair share of the volume");
      }
    }
  }

  @Test
  void scipyFindsTheTrueCellsInTheImage(@TempDir Path dir) {
    Python.require("numpy", "scipy");
    String spec = "shape=190,150,60&chunks=64,64,16&seed=11&spacing=24,28,10&fill=0.9";
    Path npy = dir.resolve("em.npy");
    List<CellTruth> truth;
    try (VolumeReader img = Volumes.open("synthetic:cells?" + spec);
        SyntheticReader lab = (SyntheticReader) Volumes.open("synthetic:cells-labels?" + spec)) {
      Volume em = img.readAll();
      try (VolumeWriter w = Volumes.create("npy:" + npy,
          VolumeSpec.of(DataType.UINT8, new Size3(em.sizeX(), em.sizeY(), em.sizeZ())), WriteMode.ERROR_IF_EXISTS)) {
        w.write(em.shape(), em);
        w.commit();
      }
      truth = lab.cells(lab.info().extent());
    }
    String out = Python.run("""
        import sys, numpy as np
        from scipy import ndimage
        a = np.load(sys.argv[1])
        for structure in (ndimage.generate_binary_structure(3, 1),
                          ndimage.generate_binary_structure(3, 3)):
            lab, n = ndimage.label(a >= 128, structure=structure)
            sizes = sorted(np.bincount(lab.ravel())[1:].tolist())
            print(n, ' '.join(map(str, sizes)))
        """, npy.toString());
    String sizes = truth.stream().map(CellTruth::voxels).sorted().map(String::valueOf)
        .reduce((a, b) -> a + " " + b).orElse("");
    String expected = truth.size() + " " + sizes;
    assertEquals(expected + "\n" + expected, out.strip(), "6- and 26-connected labelling");
  }

  @Test
  void hugeVolumesAreCountedWithoutGeneratingThem() {
    // 2^40 voxels: counting touches one random draw per grid place.
    String url = "synthetic:cells?shape=16384,16384,4096&chunks=256,256,64&seed=3";
    try (SyntheticReader r = (SyntheticReader) Volumes.open(url)) {
      BoundingBox corner = new BoundingBox(16000, 16384, 16100, 16384, 4000, 4096);
      Volume v = r.read(corner);
      assertEquals(384 * 284 * 96, v.voxels());
      try (SyntheticReader lab = (SyntheticReader) Volumes.open(
          url.replace("cells?", "cells-labels?"))) {
        assertTruthMatches(lab.cells(corner), lab.read(corner), corner);
      }
      long places = 512L * 512 * 341;
      long n = r.cellCount(new BoundingBox(0, 16384, 0, 16384, 0, 4092));
      assertTrue(Math.abs(n - 0.8 * places) < 5 * Math.sqrt(places * 0.16),
          "about 80% of " + places + " places hold a cell: " + n);
    }
  }

  @Test
  void badUrlsAndWritesAreRefused() {
    assertThrows(InvalidUrlException.class, () -> Volumes.open("synthetic:blobs"));
    assertThrows(InvalidUrlException.class, () -> Volumes.open("synthetic:cells?size=1,2,3"));
    assertThrows(InvalidUrlException.class,
        () -> Volumes.open("synthetic:cells?dtype=float32"));
    assertThrows(InvalidUrlException.class,
        () -> Volumes.open("synthetic:cells-labels?dtype=uint8"));
    assertThrows(InvalidUrlException.class, () -> Volumes.open("synthetic:cells?spacing=4,4,4"));
    assertThrows(InvalidUrlException.class, () -> Volumes.open("synthetic:cells?seed=x"));
    assertThrows(UnsupportedFeatureException.class, () -> Volumes.create("synthetic:cells",
        VolumeSpec.of(DataType.UINT8, new Size3(4, 4, 4)), WriteMode.OVERWRITE));
  }
}
