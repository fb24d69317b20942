package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ndio.jobs.kernel.ComponentStats;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.spark.Cuboid;
import org.ndio.volume.BoundingBox;

/**
 * What one cuboid contributes to a count: its objects' pieces, and, for connected components,
 * its boundary: every object voxel on its faces ({@code faces}), and for each of them every
 * touching voxel just outside the cuboid that comes later in C order ({@code wants}). Joining
 * wants with faces on voxel and value finds each pair of pieces that touch across a seam
 * exactly once, edges and corners included. (Classes rather than records: Spark's Kryo cannot
 * write records, and these may spill to disk.)
 */
final class CuboidAnalysis implements Serializable {

  private static final long serialVersionUID = 1L;

  private final long[] pieceKeys;
  private final ObjectPiece[] pieces;
  private final Positions faces;
  private final Positions wants;

  CuboidAnalysis(long[] pieceKeys, ObjectPiece[] pieces, Positions faces, Positions wants) {
    this.pieceKeys = pieceKeys;
    this.pieces = pieces;
    this.faces = faces;
    this.wants = wants;
  }

  long[] pieceKeys() {
    return pieceKeys;
  }

  ObjectPiece[] pieces() {
    return pieces;
  }

  Positions faces() {
    return faces;
  }

  Positions wants() {
    return wants;
  }

  /** Voxels (packed by {@link CountGrid#pack}) with their value and piece key. */
  static final class Positions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long[] pos;
    private final long[] value;
    private final long[] key;

    Positions(long[] pos, long[] value, long[] key) {
      this.pos = pos;
      this.value = value;
      this.key = key;
    }

    long[] pos() {
      return pos;
    }

    long[] value() {
      return value;
    }

    long[] key() {
      return key;
    }
  }

  static CuboidAnalysis of(Cuboid c, CountOptions.Rule o, CountGrid grid) {
    Components comps = ConnectedComponents.label(c.volume(), o.foreground(), o.connectivity());
    ComponentStats s = comps.stats();
    BoundingBox b = c.box();
    int index = grid.index(b);
    List<Long> keys = new ArrayList<>();
    List<ObjectPiece> pieces = new ArrayList<>();
    Map<Long, Integer> byValue = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      ObjectPiece p = new ObjectPiece(s.voxels[i], s.sumX[i] + s.voxels[i] * b.x0(),
          s.sumY[i] + s.voxels[i] * b.y0(), s.sumZ[i] + s.voxels[i] * b.z0(),
          s.minX[i] + b.x0(), s.minY[i] + b.y0(), s.minZ[i] + b.z0(), s.maxX[i] + b.x0(),
          s.maxY[i] + b.y0(), s.maxZ[i] + b.z0(), s.firstX[i] + b.x0(), s.firstY[i] + b.y0(),
          s.firstZ[i] + b.z0(), s.value[i]);
      if (o.byLabel()) {
        // A label is one object wherever its voxels are: its pieces meet by value alone.
        Integer at = byValue.get(p.value());
        if (at == null) {
          byValue.put(p.value(), pieces.size());
          keys.add(p.value());
          pieces.add(p);
        } else {
          pieces.set(at, ObjectPiece.merge(pieces.get(at), p));
        }
      } else {
        keys.add(CountGrid.key(index, i + 1));
        pieces.add(p);
      }
    }
    long[] keyArray = keys.stream().mapToLong(Long::longValue).toArray();
    ObjectPiece[] pieceArray = pieces.toArray(new ObjectPiece[0]);
    if (o.byLabel()) {
      Positions none = new Positions(new long[0], new long[0], new long[0]);
      return new CuboidAnalysis(keyArray, pieceArray, none, none);
    }
    return boundary(comps, o.connectivity(), b, grid, index, keyArray, pieceArray);
  }

  private static CuboidAnalysis boundary(Components comps, Connectivity conn, BoundingBox b,
      CountGrid grid, int index, long[] keys, ObjectPiece[] pieces) {
    List<int[]> offsets = new ArrayList<>();
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if ((dx | dy | dz) != 0 && conn.touches(dx, dy, dz)) {
            offsets.add(new int[] {dx, dy, dz});
          }
        }
      }
    }
    int sx = comps.sizeX();
    int sy = comps.sizeY();
    int sz = comps.sizeZ();
    LongList facePos = new LongList();
    LongList faceValue = new LongList();
    LongList faceKey = new LongList();
    LongList wantPos = new LongList();
    LongList wantValue = new LongList();
    LongList wantKey = new LongList();
    BoundingBox box = grid.box();
    // Only faces inside the box meet another cuboid; faces on the box's own walls need no
    // record.
    boolean lowX = b.x0() > box.x0();
    boolean highX = b.x1() < box.x1();
    boolean lowY = b.y0() > box.y0();
    boolean highY = b.y1() < box.y1();
    boolean lowZ = b.z0() > box.z0();
    boolean highZ = b.z1() < box.z1();
    comps.forEachRun((x0, x1, y, z, label, value) -> {
      boolean edgeRow = (lowY && y == 0) || (highY && y == sy - 1) || (lowZ && z == 0)
          || (highZ && z == sz - 1);
      for (int x = x0; x < x1; x++) {
        if (!edgeRow && !(lowX && x == 0) && !(highX && x == sx - 1)) {
          x = Math.max(x, x1 - 2); // jump to the run's last voxel, which may touch x = sx - 1
          continue;
        }
        long gx = b.x0() + x;
        long gy = b.y0() + y;
        long gz = b.z0() + z;
        long p = grid.pack(gx, gy, gz);
        long key = CountGrid.key(index, label);
        facePos.add(p);
        faceValue.add(value);
        faceKey.add(key);
        for (int[] d : offsets) {
          int qx = x + d[0];
          int qy = y + d[1];
          int qz = z + d[2];
          if (qx >= 0 && qy >= 0 && qz >= 0 && qx < sx && qy < sy && qz < sz) {
            continue; // inside this cuboid: already joined by the kernel
          }
          if (!box.contains(gx + d[0], gy + d[1], gz + d[2])) {
            continue;
          }
          long q = grid.pack(gx + d[0], gy + d[1], gz + d[2]);
          if (q > p) {
            wantPos.add(q);
            wantValue.add(value);
            wantKey.add(key);
          }
        }
      }
    });
    return new CuboidAnalysis(keys, pieces,
        new Positions(facePos.toArray(), faceValue.toArray(), faceKey.toArray()),
        new Positions(wantPos.toArray(), wantValue.toArray(), wantKey.toArray()));
  }

  /** A growable list of longs, to keep boundary records out of boxed collections. */
  private static final class LongList {
    private long[] a = new long[256];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
