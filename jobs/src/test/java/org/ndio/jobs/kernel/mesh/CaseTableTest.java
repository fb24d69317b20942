package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Every configuration of one cube, and of two cubes sharing a face (so every ambiguous face is
 * seen from both sides): closed oriented manifolds, one surface per object component and
 * cavity as voxel connectivity (18 for the object, 6 for the background) says, and the same
 * mesh whether the two cubes are meshed by one call or two.
 */
class CaseTableTest {

  static Volume bits(int sx, int sy, int sz, int config) {
    Volume v = Volume.allocate(DataType.UINT8, sx, sy, sz);
    int i = 0;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          v.setLong(x, y, z, (config >> i++) & 1);
        }
      }
    }
    return v;
  }

  static KeyedMesh meshWhole(Volume v) {
    Map<Long, KeyedMesh> m = MarchingCubes.mesh(v, MeshSelection.threshold(1));
    return m.isEmpty() ? KeyedMesh.of(new long[0], new int[0]) : m.get(1L).canonical();
  }

  static void checkTopology(Volume v, KeyedMesh m, String what) {
    DigitalTopology.Expected e = DigitalTopology.of(v, 0);
    if (e.objects() == 0) {
      assertTrue(m.isEmpty(), what);
      return;
    }
    MeshInvariants.Report r;
    try {
      r = MeshInvariants.check(m);
    } catch (AssertionError err) {
      throw new AssertionError(what + ": " + err.getMessage(), err);
    }
    assertEquals(e.surfaces(), r.components(), what + ": surfaces");
    assertEquals(e.objects(), r.positiveComponents(), what + ": outward-facing surfaces");
    assertEquals(e.surfaceEuler(), java.util.Arrays.stream(r.euler()).sum(),
        what + ": Euler characteristic");
  }

  @Test
  void everySingleCube() {
    for (int config = 0; config < 256; config++) {
      Volume v = bits(2, 2, 2, config);
      checkTopology(v, meshWhole(v), "configuration " + config);
    }
  }

  @Test
  void everyPairOfCubes() {
    int[][] shapes = {{3, 2, 2}, {2, 3, 2}, {2, 2, 3}};
    for (int[] s : shapes) {
      BoundingBox all = BoundingBox.ofShape(s[0], s[1], s[2]);
      for (int config = 0; config < 4096; config++) {
        Volume v = bits(s[0], s[1], s[2], config);
        KeyedMesh whole = meshWhole(v);
        String what = s[0] + "x" + s[1] + "x" + s[2] + " configuration " + config;
        checkTopology(v, whole, what);
        // Cut between the two cubes: each call sees the shared face from its own side.
        List<KeyedMesh> pieces = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
          long[] lo = {0, 0, 0};
          long[] hi = {s[0], s[1], s[2]};
          for (int a = 0; a < 3; a++) {
            if (s[a] == 3) {
              lo[a] = half == 0 ? 0 : 1;
              hi[a] = half == 0 ? 1 : 3;
            }
          }
          CellBlock b = CellBlock.forCuboid(new BoundingBox(lo[0], hi[0], lo[1], hi[1], lo[2],
              hi[2]), all);
          Volume part = v.view(b.voxels());
          KeyedMesh p = MarchingCubes.mesh(part, b, MeshSelection.threshold(1)).get(1L);
          if (p != null) {
            pieces.add(p);
          }
        }
        KeyedMesh welded = pieces.isEmpty() ? KeyedMesh.of(new long[0], new int[0])
            : KeyedMesh.weld(pieces);
        assertEquals(whole, welded, what + ": cut in two");
      }
    }
  }
}
