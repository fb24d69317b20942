package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Surfaces cut into cuboids' pieces, each piece measured about its own origin and the sums
 * combined in any order, against the area and volume of the welded mesh computed over its
 * positions ({@link Mesh#area}, {@link Mesh#volume}), with anisotropic voxels and the volume
 * placed far from the origin, where the sums must stay well conditioned.
 */
class SurfaceMeasureTest {

  @Property(tries = 120)
  void piecesMeasuredApartAddUpToTheWeldedSurface(
      @ForAll @IntRange(min = 1, max = 14) int sx, @ForAll @IntRange(min = 1, max = 12) int sy,
      @ForAll @IntRange(min = 1, max = 10) int sz, @ForAll @IntRange(min = 1, max = 5) int c,
      @ForAll boolean smooth, @ForAll boolean far, @ForAll long seed) {
    Volume v = MarchingCubesTest.randomLabels(sx, sy, sz, 2, smooth, seed);
    long[] origin = far ? new long[] {1_000_000, 900_000, 500_000} : new long[] {0, 0, 0};
    double[] voxel = {4, 4, 40};
    BoundingBox dataset = BoundingBox.at(origin[0], origin[1], origin[2], sx, sy, sz);
    Map<Long, List<KeyedMesh>> pieces = new HashMap<>();
    for (int z = 0; z < sz; z += c + 1) {
      for (int y = 0; y < sy; y += c) {
        for (int x = 0; x < sx; x += c) {
          BoundingBox cuboid = BoundingBox.at(origin[0] + x, origin[1] + y, origin[2] + z,
              Math.min(c, sx - x), Math.min(c, sy - y), Math.min(c + 1, sz - z));
          CellBlock block = CellBlock.forCuboid(cuboid, dataset);
          Volume part = v.view(block.voxels().translate(-origin[0], -origin[1], -origin[2]))
              .copy();
          MarchingCubes.mesh(part, block, MeshSelection.allLabels()).forEach(
              (id, m) -> pieces.computeIfAbsent(id, k -> new ArrayList<>()).add(m));
        }
      }
    }
    Random order = new Random(seed);
    pieces.forEach((id, list) -> {
      Mesh welded = KeyedMesh.weld(list).toMesh(voxel[0], voxel[1], voxel[2]);
      Collections.shuffle(list, order);
      SurfaceMeasure sum = SurfaceMeasure.EMPTY;
      for (KeyedMesh p : list) {
        sum = sum.plus(SurfaceMeasure.of(p, voxel[0], voxel[1], voxel[2]));
      }
      assertEquals(welded.triangleCount(), sum.triangles(), "label " + id);
      assertEquals(welded.area(), sum.area(), 1e-9 * welded.area(), "label " + id + " area");
      assertEquals(welded.volume(), sum.volume(), 1e-9 * Math.abs(welded.volume()),
          "label " + id + " volume, " + list.size() + " pieces");
    });
  }
}
