package org.ndio.jobs.preview;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ndio.jobs.kernel.mesh.Mesh;
import org.ndio.volume.BoundingBox;

/**
 * Orthographic views of meshes along the three axes, each object in its label colour, shaded
 * by how squarely its surface faces the viewer, nearer surfaces hiding farther ones.
 *
 * <p>Meshes are in voxel units (a vertex at voxel coordinates; divide physical positions by
 * the voxel size first) and pixel (i, j) of a view is centred on voxel (x0 + i, y0 + j) of the
 * box: one pixel per voxel. A pixel is covered when its centre is in a triangle or on its
 * edge. Marching cubes puts vertices halfway between voxel centres, so the silhouette covers
 * exactly the pixels whose line of sight meets a voxel of the object.
 */
public final class MeshPicture {

  /** The views: name, horizontal axis, vertical axis, viewing axis (0 x, 1 y, 2 z). */
  private static final String[] NAMES = {"x-y", "x-z", "y-z"};
  private static final int[][] AXES = {{0, 1, 2}, {0, 2, 1}, {1, 2, 0}};

  /**
   * Tolerance of the inside test, in barycentric units and voxels: mesh files hold floats, so
   * a vertex meant to sit on a pixel centre may be off by about 1e-4 voxel; lattice points not
   * on a triangle's edge are at least 0.2 voxel from it.
   */
  private static final double EPS = 1e-3;

  private MeshPicture() {}

  /** One view of {@code box}: {@code view} 0 looks along z, 1 along y, 2 along x. */
  public static BufferedImage view(Map<Long, Mesh> meshes, BoundingBox box, int view) {
    int[] ax = AXES[view];
    long[] lo = {box.x0(), box.y0(), box.z0()};
    long[] size = {box.sizeX(), box.sizeY(), box.sizeZ()};
    int w = (int) size[ax[0]];
    int h = (int) size[ax[1]];
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    double[] depth = new double[w * h];
    Arrays.fill(depth, Double.POSITIVE_INFINITY);
    for (Map.Entry<Long, Mesh> e : meshes.entrySet()) {
      int colour = LabelColours.rgb(e.getKey());
      Mesh m = e.getValue();
      double[] p = m.positions();
      int[] t = m.triangles();
      for (int k = 0; k < t.length; k += 3) {
        draw(img, depth, p, t[k], t[k + 1], t[k + 2], ax, lo, colour);
      }
    }
    return img;
  }

  /**
   * The three views side by side (x-y, x-z, y-z) with {@code title} above. Where a voxel is
   * {@code k} times deeper than wide ({@code stretchZ}), the x-z and y-z views repeat each
   * row k times so shapes keep their proportions.
   */
  public static Picture projections(Map<Long, Mesh> meshes, BoundingBox box, int stretchZ,
      String title) {
    List<BufferedImage> views = List.of(view(meshes, box, 0),
        stretchRows(view(meshes, box, 1), stretchZ), stretchRows(view(meshes, box, 2),
            stretchZ));
    return Montage.grid(views, List.of(NAMES), 3, title);
  }

  /** The row stretch that shows voxels of this size in proportion: z over x, 1 to 16. */
  public static int stretchZ(double voxelX, double voxelZ) {
    double k = voxelZ / voxelX;
    return Double.isFinite(k) ? (int) Math.max(1, Math.min(16, Math.round(k))) : 1;
  }

  /** Each row of {@code img} repeated {@code k} times. */
  static BufferedImage stretchRows(BufferedImage img, int k) {
    if (k == 1) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight() * k,
        BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        out.setRGB(x, y, img.getRGB(x, y / k));
      }
    }
    return out;
  }

  private static void draw(BufferedImage img, double[] depth, double[] p, int i0, int i1,
      int i2, int[] ax, long[] lo, int colour) {
    double u0 = p[3 * i0 + ax[0]] - lo[ax[0]];
    double v0 = p[3 * i0 + ax[1]] - lo[ax[1]];
    double u1 = p[3 * i1 + ax[0]] - lo[ax[0]];
    double v1 = p[3 * i1 + ax[1]] - lo[ax[1]];
    double u2 = p[3 * i2 + ax[0]] - lo[ax[0]];
    double v2 = p[3 * i2 + ax[1]] - lo[ax[1]];
    double area = (u1 - u0) * (v2 - v0) - (v1 - v0) * (u2 - u0);
    if (Math.abs(area) < 1e-12) {
      return; // seen edge-on
    }
    double d0 = p[3 * i0 + ax[2]];
    double d1 = p[3 * i1 + ax[2]];
    double d2 = p[3 * i2 + ax[2]];
    int shaded = shade(colour, facing(p, i0, i1, i2, ax[2]));
    int iMin = (int) Math.max(0, Math.ceil(Math.min(u0, Math.min(u1, u2)) - EPS));
    int iMax = (int) Math.min(img.getWidth() - 1, Math.floor(Math.max(u0, Math.max(u1, u2))
        + EPS));
    int jMin = (int) Math.max(0, Math.ceil(Math.min(v0, Math.min(v1, v2)) - EPS));
    int jMax = (int) Math.min(img.getHeight() - 1, Math.floor(Math.max(v0, Math.max(v1, v2))
        + EPS));
    for (int j = jMin; j <= jMax; j++) {
      for (int i = iMin; i <= iMax; i++) {
        double l0 = ((u1 - i) * (v2 - j) - (v1 - j) * (u2 - i)) / area;
        double l1 = ((u2 - i) * (v0 - j) - (v2 - j) * (u0 - i)) / area;
        double l2 = 1 - l0 - l1;
        if (l0 >= -EPS && l1 >= -EPS && l2 >= -EPS) {
          double d = l0 * d0 + l1 * d1 + l2 * d2;
          int at = j * img.getWidth() + i;
          if (d < depth[at]) {
            depth[at] = d;
            img.setRGB(i, j, shaded);
          }
        }
      }
    }
  }

  /** |cos| of the angle between the triangle's normal and the viewing axis. */
  private static double facing(double[] p, int i0, int i1, int i2, int axis) {
    double ax = p[3 * i1] - p[3 * i0];
    double ay = p[3 * i1 + 1] - p[3 * i0 + 1];
    double az = p[3 * i1 + 2] - p[3 * i0 + 2];
    double bx = p[3 * i2] - p[3 * i0];
    double by = p[3 * i2 + 1] - p[3 * i0 + 1];
    double bz = p[3 * i2 + 2] - p[3 * i0 + 2];
    double[] n = {ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx};
    double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    return len == 0 ? 0 : Math.abs(n[axis]) / len;
  }

  /** The colour darkened for surfaces seen at a slant, never to black. */
  private static int shade(int rgb, double facing) {
    double s = 0.35 + 0.65 * facing;
    int r = (int) Math.round((rgb >> 16 & 0xFF) * s);
    int g = (int) Math.round((rgb >> 8 & 0xFF) * s);
    int b = (int) Math.round((rgb & 0xFF) * s);
    return Math.max(1, r) << 16 | g << 8 | b;
  }
}
