package org.ndio.jobs.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.kernel.mesh.MarchingCubes;
import org.ndio.jobs.kernel.mesh.Mesh;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.kernel.mesh.Meshes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

class MeshPictureTest {

  @TempDir
  Path dir;

  /** A box, a ball and an L (not convex) touching the box, in a 24 x 20 x 12 volume. */
  static Volume objects() {
    Volume v = Volume.allocate(DataType.UINT32, 24, 20, 12);
    for (int z = 0; z < 12; z++) {
      for (int y = 0; y < 20; y++) {
        for (int x = 0; x < 24; x++) {
          long id = 0;
          if (x >= 2 && x < 8 && y >= 3 && y < 9 && z >= 1 && z < 5) {
            id = 3;
          } else if ((x - 15) * (x - 15) + (y - 12) * (y - 12) + 4 * (z - 6) * (z - 6) <= 16) {
            id = 9;
          } else if (x >= 2 && x < 9 && y >= 9 && y < 11 && z >= 3 && z < 9
              || x >= 2 && x < 4 && y >= 11 && y < 18 && z >= 3 && z < 9) {
            id = 5;
          }
          v.setLong(x, y, z, id);
        }
      }
    }
    return v;
  }

  /** The meshes as the mesh job leaves them: scaled, written as OBJ (floats), read back. */
  private Map<Long, Mesh> meshes(Volume v, double sx, double sy, double sz) {
    Map<Long, Mesh> out = new LinkedHashMap<>();
    for (Map.Entry<Long, KeyedMesh> e : MarchingCubes.mesh(v, MeshSelection.allLabels())
        .entrySet()) {
      Path file = dir.resolve(e.getKey() + ".obj");
      Meshes.writeObj(e.getValue().toMesh(sx, sy, sz), file);
      out.put(e.getKey(), Meshes.read(file).scaled(1 / sx, 1 / sy, 1 / sz));
    }
    return out;
  }

  @Test
  void silhouettesCoverExactlyTheColumnsThatHoldLabelsNearestObjectInFront() {
    Volume v = objects();
    Map<Long, Mesh> meshes = meshes(v, 4.6, 4.6, 50);
    assertEquals(3, meshes.size());
    BoundingBox box = v.shape();
    int[][] axes = {{0, 1, 2}, {0, 2, 1}, {1, 2, 0}};
    int[] size = {24, 20, 12};
    for (int view = 0; view < 3; view++) {
      BufferedImage img = MeshPicture.view(meshes, box, view);
      int[] a = axes[view];
      assertEquals(size[a[0]], img.getWidth());
      assertEquals(size[a[1]], img.getHeight());
      for (int j = 0; j < img.getHeight(); j++) {
        for (int i = 0; i < img.getWidth(); i++) {
          long first = 0;
          for (int d = 0; d < size[a[2]] && first == 0; d++) {
            int[] p = new int[3];
            p[a[0]] = i;
            p[a[1]] = j;
            p[a[2]] = d;
            first = v.getLong(p[0], p[1], p[2]);
          }
          int rgb = img.getRGB(i, j) & 0xFFFFFF;
          String at = "view " + view + " pixel " + i + "," + j;
          if (first == 0) {
            assertEquals(0, rgb, at);
          } else {
            assertTrue(shadeOf(rgb, LabelColours.rgb(first)), at + ": "
                + Integer.toHexString(rgb) + " is not a shade of id " + first);
          }
        }
      }
    }
  }

  /** Whether {@code rgb} is {@code colour} darkened by one factor in [0.35, 1]. */
  static boolean shadeOf(int rgb, int colour) {
    int[] p = {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
    int[] c = {colour >> 16 & 0xFF, colour >> 8 & 0xFF, colour & 0xFF};
    int k = c[0] >= c[1] && c[0] >= c[2] ? 0 : c[1] >= c[2] ? 1 : 2;
    double s = (double) p[k] / c[k];
    if (s < 0.34 || s > 1.01) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (Math.abs(p[i] - c[i] * s) > 1.5) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theProjectionsSitSideBySideWithStretchedDepth() {
    Volume v = objects();
    Picture p = MeshPicture.projections(meshes(v, 1, 1, 3), v.shape(), 3, "t");
    int g = Montage.GAP;
    assertEquals(g + (24 + g) + (24 + g) + (20 + g), p.image().getWidth());
    assertEquals(Montage.TITLE + g + 36 + g, p.image().getHeight());
    Picture.Panel xz = p.panels().get(1);
    assertEquals(new Picture.Panel("x-z", g + 24 + g, Montage.TITLE + g, 24, 36), xz);
    BufferedImage unstretched = MeshPicture.view(meshes(v, 1, 1, 3), v.shape(), 1);
    for (int z = 0; z < 36; z++) {
      for (int x = 0; x < 24; x++) {
        assertEquals(unstretched.getRGB(x, z / 3), p.image().getRGB(xz.x() + x, xz.y() + z));
      }
    }
    assertEquals(3, MeshPicture.stretchZ(4, 12.1));
    assertEquals(16, MeshPicture.stretchZ(1, 100));
    assertEquals(1, MeshPicture.stretchZ(4, 1));
  }
}
