package org.ndio.jobs.kernel.mesh;

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
        int r0 = j * w;
        int r1 = r0 + w;
        int prev = lower[r0] | lower[r1] << 2 | upper[r0] << 4 | upper[r1] << 6;
        for (int i = 1; i < w; i++) {
          int next = lower[r0 + i] | lower[r1 + i] << 2 | upper[r0 + i] << 4
              | upper[r1 + i] << 6;
          int config = prev | next << 1;
          if (config != 0 && config != 255) {
            b.cell(config, rowKey + ((long) (i - 1) << VertexKey.X_SHIFT));
          }
          prev = next;
        }
      }
      byte[] t = lower;
      lower = upper;
      upper = t;
    }
    return b.build();
  }

  /** The mask of section {@code z} (local) over the grid's voxels; zero outside the volume. */
  private static void fillMask(Grid g, int z, MaskRow rows, byte[] mask) {
    java.util.Arrays.fill(mask, (byte) 0);
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

  /** Every selected label in one pass; each cell with several values is meshed per label. */
  private static Map<Long, MeshBuilder> multi(Grid g, MeshSelection.Labels selection) {
    VoxelRows rows = new VoxelRows(g.v);
    int w = g.w;
    long[] lower = new long[w * g.h];
    long[] upper = new long[w * g.h];
    fillLabels(g, g.cz0, rows, lower);
    Map<Long, MeshBuilder> builders = new HashMap<>();
    long[] c = new long[8];
    long dy = 1L << VertexKey.Y_SHIFT;
    long dz = 1L << VertexKey.Z_SHIFT;
    long lastLabel = 0;
    MeshBuilder last = null;
    for (int k = 0; k < g.ncz; k++) {
      fillLabels(g, g.cz0 + k + 1, rows, upper);
      long rowKey = g.firstKey + k * dz;
      for (int j = 0; j < g.ncy; j++, rowKey += dy) {
        int r0 = j * w;
        int r1 = r0 + w;
        for (int i = 0; i < g.ncx; i++) {
          long a = lower[r0 + i];
          c[0] = a;
          c[1] = lower[r0 + i + 1];
          c[2] = lower[r1 + i];
          c[3] = lower[r1 + i + 1];
          c[4] = upper[r0 + i];
          c[5] = upper[r0 + i + 1];
          c[6] = upper[r1 + i];
          c[7] = upper[r1 + i + 1];
          if (a == c[1] && a == c[2] && a == c[3] && a == c[4] && a == c[5] && a == c[6]
              && a == c[7]) {
            continue;
          }
          long cellKey = rowKey + ((long) i << VertexKey.X_SHIFT);
          for (int corner = 0; corner < 8; corner++) {
            long label = c[corner];
            if (label == 0 || seenBefore(c, corner) || !selection.includes(label)) {
              continue;
            }
            int config = 0;
            for (int q = corner; q < 8; q++) {
              if (c[q] == label) {
                config |= 1 << q;
              }
            }
            if (label != lastLabel || last == null) {
              last = builders.computeIfAbsent(label, l -> new MeshBuilder());
              lastLabel = label;
            }
            last.cell(config, cellKey);
          }
        }
      }
      long[] t = lower;
      lower = upper;
      upper = t;
    }
    return builders;
  }

  private static boolean seenBefore(long[] c, int corner) {
    for (int q = 0; q < corner; q++) {
      if (c[q] == c[corner]) {
        return true;
      }
    }
    return false;
  }

  private static void fillLabels(Grid g, int z, VoxelRows rows, long[] labels) {
    java.util.Arrays.fill(labels, 0);
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
        rows.labels(y, z, x0, x1 - x0, labels, j * g.w + (x0 - g.cx0));
      }
    }
  }
}
