package org.ndio.jobs.kernel.mesh;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Marching cubes on binary object masks, vertices at the middles of voxel edges (the surface
 * at level 0.5 of a 0/1 array), with the case table of {@link CubeTable}: closed, 2-manifold,
 * outward-facing surfaces, the object 6-connected and the background 18-connected. A call
 * meshes the cells of a {@link CellBlock} and names vertices by {@link VertexKey}, so the
 * pieces of calls that own disjoint cells weld into the mesh one call over everything gives,
 * vertex for vertex and triangle for triangle. A pure function of the volume, with no I/O.
 *
 * <p>A threshold or a single label is meshed from a 0/1 mask, two sections at a time; with
 * several labels each boundary cell is meshed once for each label among its corners, so all the
 * objects of a cuboid come from one pass.
 */
public final class MarchingCubes {

  /** Per cube edge, what to add to the key of a cell's lowest x edge to name it. */
  static final long[] EDGE_OFFSET = new long[12];

  static {
    for (int e = 0; e < 12; e++) {
      EDGE_OFFSET[e] = ((long) CubeTable.EDGE_DZ[e] << VertexKey.Z_SHIFT)
          + ((long) CubeTable.EDGE_DY[e] << VertexKey.Y_SHIFT)
          + ((long) CubeTable.EDGE_DX[e] << VertexKey.X_SHIFT) + CubeTable.EDGE_AXIS[e];
    }
  }

  private MarchingCubes() {}

  /** The meshes of all selected objects of a volume whose voxel (0, 0, 0) is at the origin. */
  public static Map<Long, KeyedMesh> mesh(Volume v, MeshSelection selection) {
    return mesh(v, CellBlock.whole(v.shape()), selection);
  }

  /**
   * The pieces of the selected objects in the cells {@code block} owns, by object id (1 for a
   * threshold, else the label), ascending; objects without triangles there are left out.
   * {@code v} holds the voxels of {@code block.voxels()}.
   */
  public static Map<Long, KeyedMesh> mesh(Volume v, CellBlock block, MeshSelection selection) {
    BoundingBox vox = block.voxels();
    if (vox.sizeX() != v.sizeX() || vox.sizeY() != v.sizeY() || vox.sizeZ() != v.sizeZ()) {
      throw new InvalidBoxException("the volume is " + v.sizeX() + "x" + v.sizeY() + "x"
          + v.sizeZ() + " but the block's voxels " + vox + " are " + vox.sizeX() + "x"
          + vox.sizeY() + "x" + vox.sizeZ());
    }
    BoundingBox cells = block.cells();
    // Every key the call can make lies between these two; checking them checks them all.
    VertexKey.of(cells.x0(), cells.y0(), cells.z0(), 0);
    VertexKey.of(cells.x1(), cells.y1(), cells.z1(), 0);
    Grid g = new Grid(v, block);
    Map<Long, KeyedMesh> out = new TreeMap<>();
    if (selection instanceof MeshSelection.Threshold t) {
      VoxelRows rows = new VoxelRows(v);
      KeyedMesh m = binary(g, (y, z, x0, n, mask, off) -> rows.atLeast(t.threshold(), y, z, x0,
          n, mask, off));
      if (!m.isEmpty()) {
        out.put(1L, m);
      }
      return out;
    }
    MeshSelection.Labels labels = (MeshSelection.Labels) selection;
    if (v.dtype() == DataType.FLOAT32 || v.dtype() == DataType.FLOAT64) {
      throw new DataTypeException("labels must be integers, not " + v.dtype().numpyName()
          + "; mesh a float volume with a threshold");
    }
    long[] ids = labels.ids();
    if (ids.length == 1) {
      VoxelRows rows = new VoxelRows(v);
      long id = ids[0];
      KeyedMesh m = binary(g, (y, z, x0, n, mask, off) -> rows.equal(id, y, z, x0, n, mask, off));
      if (!m.isEmpty()) {
        out.put(id, m);
      }
      return out;
    }
    for (Map.Entry<Long, MeshBuilder> e : multi(g, labels).entrySet()) {
      out.put(e.getKey(), e.getValue().build());
    }
    return out;
  }

  /** The cells to mesh in volume-local coordinates, and the voxels they read. */
  private static final class Grid {
    final Volume v;
    final int cx0;
    final int cy0;
    final int cz0;
    final int ncx;
    final int ncy;
    final int ncz;
    /** Voxels per row and rows per section of the slices: one more than cells. */
    final int w;
    final int h;
    /** Key of the lowest x edge of cell (cx0, cy0, cz0), in global coordinates. */
    final long firstKey;

    Grid(Volume v, CellBlock block) {
      this.v = v;
      BoundingBox c = block.cells();
      BoundingBox o = block.voxels();
      cx0 = (int) (c.x0() - o.x0());
      cy0 = (int) (c.y0() - o.y0());
      cz0 = (int) (c.z0() - o.z0());
      ncx = (int) c.sizeX();
      ncy = (int) c.sizeY();
      ncz = (int) c.sizeZ();
      w = ncx + 1;
      h = ncy + 1;
      firstKey = VertexKey.unchecked(c.x0(), c.y0(), c.z0(), 0);
    }
  }

  /** Fills a run of a slice row with a 0/1 object mask. */
  private interface MaskRow {
    void fill(int y, int z, int x0, int n, byte[] mask, int off);
  }

  /** One object from its mask, two sections at a time. */
  private static KeyedMesh binary(Grid g, MaskRow rows) {
    int w = g.w;
    byte[] lower = new byte[w * g.h];
    byte[] upper = new byte[w * g.h];
    fillMask(g, g.cz0, rows, lower);
    MeshBuilder b = new MeshBuilder();
    long dy = 1L << VertexKey.Y_SHIFT;
    long dz = 1L << VertexKey.Z_SHIFT;
    for (int k = 0; k < g.ncz; k++) {
      fillMask(g, g.cz0 + k + 1, rows, upper);
      long rowKey = g.firstKey + k * dz;
      for (int j = 0; j < g.ncy; j++, rowKey += dy) {
        maskRow(lower, upper, j * w, j * w + w, w, rowKey, b);
      }
      byte[] t = lower;
      lower = upper;
      upper = t;
    }
    return b.build();
  }

  /** One row of cells of a mask; rows r0 and r1 of both sections are its corners. */
  private static void maskRow(byte[] lower, byte[] upper, int r0, int r1, int w, long rowKey,
      MeshBuilder b) {
    int prev = lower[r0] | lower[r1] << 2 | upper[r0] << 4 | upper[r1] << 6;
    for (int i = 1; i < w; i++) {
      int next = lower[r0 + i] | lower[r1 + i] << 2 | upper[r0 + i] << 4 | upper[r1 + i] << 6;
      int config = prev | next << 1;
      if (config != 0 && config != 255) {
        b.cell(config, rowKey + ((long) (i - 1) << VertexKey.X_SHIFT));
      }
      prev = next;
    }
  }

  /** The mask of section {@code z} (local) over the grid's voxels; zero outside the volume. */
  private static void fillMask(Grid g, int z, MaskRow rows, byte[] mask) {
    Arrays.fill(mask, (byte) 0);
    Volume v = g.v;
    if (z < 0 || z >= v.sizeZ()) {
      return;
    }
    int x0 = Math.max(g.cx0, 0);
    int x1 = Math.min(g.cx0 + g.w, v.sizeX());
    if (x1 <= x0) {
      return;
    }
    for (int j = 0; j < g.h; j++) {
      int y = g.cy0 + j;
      if (y >= 0 && y < v.sizeY()) {
        rows.fill(y, z, x0, x1 - x0, mask, j * g.w + (x0 - g.cx0));
      }
    }
  }

  /**
   * Every selected label in one pass; each cell with several values is meshed per label. Only
   * the four rows of voxels around the current row of cells are held, as longs: labels may be
   * 64-bit, and whole sections of them would be large.
   */
  private static Map<Long, MeshBuilder> multi(Grid g, MeshSelection.Labels selection) {
    VoxelRows rows = new VoxelRows(g.v);
    int w = g.w;
    long[] a0 = new long[w];
    long[] a1 = new long[w];
    long[] b0 = new long[w];
    long[] b1 = new long[w];
    Builders builders = new Builders(selection);
    long dy = 1L << VertexKey.Y_SHIFT;
    long dz = 1L << VertexKey.Z_SHIFT;
    for (int k = 0; k < g.ncz; k++) {
      long rowKey = g.firstKey + k * dz;
      fillLabels(g, 0, g.cz0 + k, rows, a1);
      fillLabels(g, 0, g.cz0 + k + 1, rows, b1);
      for (int j = 0; j < g.ncy; j++, rowKey += dy) {
        long[] t = a0;
        a0 = a1;
        a1 = t;
        t = b0;
        b0 = b1;
        b1 = t;
        fillLabels(g, j + 1, g.cz0 + k, rows, a1);
        fillLabels(g, j + 1, g.cz0 + k + 1, rows, b1);
        labelRow(a0, a1, b0, b1, g.ncx, rowKey, builders);
      }
    }
    return builders.all;
  }

  /** The labels of row {@code j} of the grid in section {@code z} (local); zero outside. */
  private static void fillLabels(Grid g, int j, int z, VoxelRows rows, long[] out) {
    Arrays.fill(out, 0);
    Volume v = g.v;
    int y = g.cy0 + j;
    if (z < 0 || z >= v.sizeZ() || y < 0 || y >= v.sizeY()) {
      return;
    }
    int x0 = Math.max(g.cx0, 0);
    int x1 = Math.min(g.cx0 + g.w, v.sizeX());
    if (x1 > x0) {
      rows.labels(y, z, x0, x1 - x0, out, x0 - g.cx0);
    }
  }

  /** The builders of the selected labels, with the last one used at hand. */
  private static final class Builders {
    final MeshSelection.Labels selection;
    final Map<Long, MeshBuilder> all = new HashMap<>();
    final long[] corners = new long[8];
    long lastLabel;
    MeshBuilder last;

    Builders(MeshSelection.Labels selection) {
      this.selection = selection;
    }

    MeshBuilder of(long label) {
      if (last == null || label != lastLabel) {
        last = all.computeIfAbsent(label, l -> new MeshBuilder());
        lastLabel = label;
      }
      return last;
    }
  }

  /** One row of cells of the label pass: its corners are rows a0, a1 (low z) and b0, b1. */
  private static void labelRow(long[] a0, long[] a1, long[] b0, long[] b1, int cells,
      long rowKey, Builders b) {
    // The corners of the cell's low-x face, carried over from the previous cell.
    long p0 = a0[0];
    long p1 = a1[0];
    long p2 = b0[0];
    long p3 = b1[0];
    for (int i = 0; i < cells; i++) {
      long n0 = a0[i + 1];
      long n1 = a1[i + 1];
      long n2 = b0[i + 1];
      long n3 = b1[i + 1];
      if (p0 == n0 && p0 == p1 && p0 == n1 && p0 == p2 && p0 == n2 && p0 == p3 && p0 == n3) {
        continue; // p and n hold the same values: nothing to shift
      }
      long[] c = b.corners;
      c[0] = p0;
      c[1] = n0;
      c[2] = p1;
      c[3] = n1;
      c[4] = p2;
      c[5] = n2;
      c[6] = p3;
      c[7] = n3;
      p0 = n0;
      p1 = n1;
      p2 = n2;
      p3 = n3;
      meshLabels(c, rowKey + ((long) i << VertexKey.X_SHIFT), b);
    }
  }

  /** Meshes a cell once for each selected label among its corners. */
  private static void meshLabels(long[] c, long cellKey, Builders b) {
    for (int corner = 0; corner < 8; corner++) {
      long label = c[corner];
      if (label == 0 || seenBefore(c, corner) || !b.selection.includes(label)) {
        continue;
      }
      int config = 0;
      for (int q = corner; q < 8; q++) {
        if (c[q] == label) {
          config |= 1 << q;
        }
      }
      b.of(label).cell(config, cellKey);
    }
  }

  private static boolean seenBefore(long[] c, int corner) {
    for (int q = 0; q < corner; q++) {
      if (c[q] == c[corner]) {
        return true;
      }
    }
    return false;
  }
}
