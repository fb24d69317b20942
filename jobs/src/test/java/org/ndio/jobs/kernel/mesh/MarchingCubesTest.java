package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The kernel on random volumes: smooth blobs, noise full of ambiguous faces and of voxels that
 * touch by an edge or a corner only, labels side by side, all touching the volume's faces.
 * Every object's mesh is a closed oriented manifold with the surfaces and Euler characteristic
 * its voxels' 18/6 connectivity gives; cut into cuboids of any shape and welded, it is the
 * same mesh, key for key.
 */
class MarchingCubesTest {

  /** Labels 1..labels in blobs (smooth) or voxel noise, with background 0. */
  static Volume randomLabels(int sx, int sy, int sz, int labels, boolean smooth, long seed) {
    Random r = new Random(seed);
    Volume v = Volume.allocate(DataType.UINT16, sx, sy, sz);
    if (!smooth) {
      for (int z = 0; z < sz; z++) {
        for (int y = 0; y < sy; y++) {
          for (int x = 0; x < sx; x++) {
            if (r.nextDouble() < 0.5) {
              v.setLong(x, y, z, 1 + r.nextInt(labels));
            }
          }
        }
      }
      return v;
    }
    int blobs = 1 + r.nextInt(6);
    for (int b = 0; b < blobs; b++) {
      double cx = r.nextDouble() * sx;
      double cy = r.nextDouble() * sy;
      double cz = r.nextDouble() * sz;
      double rx = 1 + r.nextDouble() * sx / 2.0;
      double ry = 1 + r.nextDouble() * sy / 2.0;
      double rz = 1 + r.nextDouble() * sz / 2.0;
      long label = 1 + r.nextInt(labels);
      for (int z = 0; z < sz; z++) {
        for (int y = 0; y < sy; y++) {
          for (int x = 0; x < sx; x++) {
            double d = sq((x - cx) / rx) + sq((y - cy) / ry) + sq((z - cz) / rz);
            if (d < 1) {
              v.setLong(x, y, z, label);
            }
          }
        }
      }
    }
    return v;
  }

  private static double sq(double a) {
    return a * a;
  }

  /** Meshes {@code v} (at {@code origin} in a dataset of its size) cut into cuboids. */
  static Map<Long, KeyedMesh> meshInCuboids(Volume v, long[] origin, int cx, int cy, int cz,
      MeshSelection sel) {
    BoundingBox dataset = BoundingBox.at(origin[0], origin[1], origin[2], v.sizeX(), v.sizeY(),
        v.sizeZ());
    Map<Long, List<KeyedMesh>> pieces = new HashMap<>();
    for (int z = 0; z < v.sizeZ(); z += cz) {
      for (int y = 0; y < v.sizeY(); y += cy) {
        for (int x = 0; x < v.sizeX(); x += cx) {
          BoundingBox cuboid = BoundingBox.at(origin[0] + x, origin[1] + y, origin[2] + z,
              Math.min(cx, v.sizeX() - x), Math.min(cy, v.sizeY() - y),
              Math.min(cz, v.sizeZ() - z));
          CellBlock block = CellBlock.forCuboid(cuboid, dataset);
          BoundingBox local = block.voxels().translate(-origin[0], -origin[1], -origin[2]);
          Volume part = v.view(local).copy();
          MarchingCubes.mesh(part, block, sel).forEach(
              (id, m) -> pieces.computeIfAbsent(id, k -> new ArrayList<>()).add(m));
        }
      }
    }
    Map<Long, KeyedMesh> out = new HashMap<>();
    pieces.forEach((id, list) -> out.put(id, KeyedMesh.weld(list)));
    return out;
  }

  static Map<Long, KeyedMesh> meshWhole(Volume v, long[] origin, MeshSelection sel) {
    BoundingBox dataset = BoundingBox.at(origin[0], origin[1], origin[2], v.sizeX(), v.sizeY(),
        v.sizeZ());
    Map<Long, KeyedMesh> out = new HashMap<>();
    MarchingCubes.mesh(v, CellBlock.whole(dataset), sel).forEach(
        (id, m) -> out.put(id, m.canonical()));
    return out;
  }

  static void checkObject(Volume v, long label, KeyedMesh m) {
    DigitalTopology.Expected e = DigitalTopology.of(v, label);
    MeshInvariants.Report r = MeshInvariants.check(m);
    assertEquals(e.surfaces(), r.components(), "label " + label + ": surfaces");
    assertEquals(e.objects(), r.positiveComponents(), "label " + label + ": outward surfaces");
    assertEquals(e.surfaceEuler(), Arrays.stream(r.euler()).sum(), "label " + label + ": Euler");
  }

  @Property(tries = 150)
  void cuboidsWeldIntoTheWholeMesh(@ForAll @IntRange(min = 1, max = 14) int sx,
      @ForAll @IntRange(min = 1, max = 12) int sy, @ForAll @IntRange(min = 1, max = 10) int sz,
      @ForAll @IntRange(min = 1, max = 5) int cx, @ForAll @IntRange(min = 1, max = 5) int cy,
      @ForAll @IntRange(min = 1, max = 5) int cz, @ForAll @IntRange(min = 1, max = 3) int labels,
      @ForAll boolean smooth, @ForAll long seed) {
    Volume v = randomLabels(sx, sy, sz, labels, smooth, seed);
    Random r = new Random(seed);
    long[] origin = {r.nextInt(50), r.nextInt(50), r.nextInt(50)};
    Map<Long, KeyedMesh> whole = meshWhole(v, origin, MeshSelection.allLabels());
    for (Map.Entry<Long, KeyedMesh> e : whole.entrySet()) {
      checkObject(v, e.getKey(), e.getValue());
    }
    assertEquals(whole, meshInCuboids(v, origin, cx, cy, cz, MeshSelection.allLabels()));
    // Each label alone, through the one-object path, gives the same mesh as the one pass.
    for (long id = 1; id <= labels; id++) {
      assertEquals(whole.get(id), meshWhole(v, origin, MeshSelection.labels(id)).get(id));
    }
  }

  /** Larger volumes, cut into slabs and rods one voxel thin and into single voxels. */
  @Test
  void largerVolumesInThinCuboids() {
    int[][] shapes = {{1, 7, 5}, {13, 1, 3}, {6, 5, 1}, {1, 1, 1}, {24, 20, 12}};
    for (int seed = 0; seed < 4; seed++) {
      Volume v = randomLabels(24, 20, 12, 3, seed % 2 == 0, seed);
      long[] origin = {seed * 100, 7, 3};
      Map<Long, KeyedMesh> whole = meshWhole(v, origin, MeshSelection.allLabels());
      for (Map.Entry<Long, KeyedMesh> e : whole.entrySet()) {
        checkObject(v, e.getKey(), e.getValue());
      }
      for (int[] c : shapes) {
        assertEquals(whole, meshInCuboids(v, origin, c[0], c[1], c[2],
            MeshSelection.allLabels()), "seed " + seed + " cuboids " + Arrays.toString(c));
      }
    }
  }

  @Property(tries = 60)
  void thresholdMeshesAllObjectVoxelsAsOne(@ForAll @IntRange(min = 1, max = 12) int sx,
      @ForAll @IntRange(min = 1, max = 12) int sy, @ForAll @IntRange(min = 1, max = 12) int sz,
      @ForAll @IntRange(min = 1, max = 4) int c, @ForAll boolean smooth, @ForAll long seed) {
    Volume v = randomLabels(sx, sy, sz, 3, smooth, seed);
    long[] origin = {0, 0, 0};
    Map<Long, KeyedMesh> whole = meshWhole(v, origin, MeshSelection.threshold(2));
    Volume mask = Volume.allocate(DataType.UINT8, sx, sy, sz);
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          mask.setLong(x, y, z, v.getLong(x, y, z) >= 2 ? 1 : 0);
        }
      }
    }
    if (whole.isEmpty()) {
      assertEquals(0, DigitalTopology.of(mask, 0).objects());
      return;
    }
    checkObject(mask, 0, whole.get(1L));
    assertEquals(whole, meshInCuboids(v, origin, c, c + 1, c, MeshSelection.threshold(2)));
  }

  @Test
  void selectedIdsOnly() {
    Volume v = randomLabels(20, 16, 12, 5, true, 7);
    Map<Long, KeyedMesh> all = MarchingCubes.mesh(v, MeshSelection.allLabels());
    Map<Long, KeyedMesh> some = MarchingCubes.mesh(v, MeshSelection.labels(4, 2));
    assertTrue(all.size() >= 3, "the blobs give several labels");
    for (long id : some.keySet()) {
      assertTrue(id == 2 || id == 4);
      assertEquals(all.get(id).canonical(), some.get(id).canonical());
    }
  }

  /** Voxels touching by an edge join (18-connectivity); by a corner only they stay apart. */
  @Test
  void objectsTouchingByAnEdgeJoinByACornerStayApart() {
    int[][][] cases = {{{0, 0, 0}, {1, 1, 0}}, {{0, 0, 0}, {1, 1, 1}},
        {{0, 0, 0}, {1, 1, 1}, {2, 2, 2}, {3, 3, 2}, {4, 4, 1}}};
    int[] surfaces = {1, 2, 4};
    for (int k = 0; k < cases.length; k++) {
      Volume v = Volume.allocate(DataType.UINT8, 5, 5, 3);
      for (int[] p : cases[k]) {
        v.setLong(p[0], p[1], p[2], 1);
      }
      KeyedMesh m = MarchingCubes.mesh(v, MeshSelection.threshold(1)).get(1L).canonical();
      MeshInvariants.Report r = MeshInvariants.check(m);
      assertEquals(surfaces[k], r.components(), "case " + k);
      assertEquals(2 * surfaces[k], Arrays.stream(r.euler()).sum(), "spheres only");
    }
    // A lone voxel's surface is an octahedron with corners at its face centres.
    Volume one = Volume.allocate(DataType.UINT8, 1, 1, 1);
    one.fill(1L);
    Mesh m = MarchingCubes.mesh(one, MeshSelection.threshold(1)).get(1L).toMesh();
    assertEquals(6, m.vertexCount());
    assertEquals(4.0 / 3 * 0.125, m.volume(), 1e-12);
  }

  @Test
  void aFullVolumeIsClosedAtItsFaces() {
    Volume v = Volume.allocate(DataType.UINT8, 3, 4, 5);
    v.fill(9L);
    KeyedMesh m = MarchingCubes.mesh(v, MeshSelection.threshold(1)).get(1L).canonical();
    MeshInvariants.Report r = MeshInvariants.check(m);
    assertEquals(1, r.components());
    // The box reaches half a voxel beyond the outer voxel centres (3 x 4 x 5 = 60); its 12
    // edges are cut by 45-degree planes through the middles, removing prisms of section 1/8
    // along their 48 voxels of length, which the 8 corners overlap by less than 1/8 each.
    double v0 = 60 - 48 / 8.0;
    assertTrue(r.volume()[0] > v0 && r.volume()[0] < v0 + 1, "volume " + r.volume()[0]);
  }

  @Test
  void refusesBadBlocks() {
    Volume v = Volume.allocate(DataType.UINT8, 4, 4, 4);
    BoundingBox box = BoundingBox.ofShape(4, 4, 4);
    assertThrows(InvalidBoxException.class, () -> MarchingCubes.mesh(v,
        new CellBlock(BoundingBox.ofShape(5, 4, 4), CellBlock.whole(box).cells()),
        MeshSelection.allLabels()));
    assertThrows(InvalidBoxException.class,
        () -> new CellBlock(box, new BoundingBox(-2, 4, 0, 4, 0, 4)));
    assertThrows(InvalidBoxException.class, () -> MarchingCubes.mesh(v,
        CellBlock.whole(BoundingBox.at(0, 0, VertexKey.MAX_Z, 4, 4, 4)),
        MeshSelection.allLabels()));
    Volume f = Volume.allocate(DataType.FLOAT32, 2, 2, 2);
    assertThrows(DataTypeException.class, () -> MarchingCubes.mesh(f, MeshSelection.allLabels()));
    KeyedMesh one = MarchingCubes.mesh(randomLabels(6, 6, 6, 1, true, 3),
        MeshSelection.threshold(1)).get(1L);
    assertThrows(IllegalArgumentException.class, () -> KeyedMesh.weld(List.of(one, one)));
  }
}
