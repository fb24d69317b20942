package org.ndio.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.store.VolumeUrl;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.synthetic.SyntheticSpec;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/** The scale harness's sizes and checks: a check that passes wrong output proves nothing. */
class ScaleChecksTest {

  @Test
  void sizesDoubleEverySideEachStepOfEight() {
    assertEquals(new Size3(1024, 1024, 20), ScaleSize.of(1).shape());
    assertEquals(new Size3(8192, 8192, 160), ScaleSize.of(512).shape());
    assertEquals(10_737_418_240L, ScaleSize.of(512).voxels());
    assertThrows(IllegalArgumentException.class, () -> ScaleSize.of(4));
    assertTrue(ScaleSize.of(8).labels().startsWith("synthetic:cells-labels?shape=2048,2048,40"));
  }

  @Test
  void blockMeanRoundsHalfUp() {
    // Known answers: means 2.5, 1.25, 1.75 and 0.5 of the four 2 x 2 blocks.
    byte[] in = {1, 2, 3, 4, 1, 1, 1, 2, 1, 2, 2, 2, 0, 0, 1, 1};
    Volume v = Volume.wrap(DataType.UINT8, 4, 4, 1, reorder(in));
    Volume out = DownsampleCheck.halveXy(v);
    assertEquals(3, out.getLong(0, 0, 0));
    assertEquals(1, out.getLong(1, 0, 0));
    assertEquals(2, out.getLong(0, 1, 0));
    assertEquals(1, out.getLong(1, 1, 0));
  }

  /** Lays out four 2 x 2 blocks given block by block (row-major inside) as a 4 x 4 image. */
  private static byte[] reorder(byte[] blocks) {
    byte[] out = new byte[16];
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < 4; i++) {
        int x = (b % 2) * 2 + i % 2;
        int y = (b / 2) * 2 + i / 2;
        out[y * 4 + x] = blocks[b * 4 + i];
      }
    }
    return out;
  }

  @Test
  void truthMatchesTheGeneratedLabels() {
    String url = "synthetic:cells-labels?shape=200,170,30&chunks=64,64,16&spacing=30,30,12"
        + "&seed=3&dtype=uint32";
    // Built directly: Volumes.open would load every format, and this module leaves HDF5 out.
    SyntheticReader r = new SyntheticReader(url, SyntheticSpec.parse(VolumeUrl.parse(url)));
    VolumeTruth t = VolumeTruth.of(r);
    Volume v = r.read(r.info().extent());
    TreeMap<Long, Long> sizes = new TreeMap<>();
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          long id = v.getLong(x, y, z);
          if (id != 0) {
            sizes.merge(id, 1L, Long::sum);
          }
        }
      }
    }
    assertEquals(sizes.size(), t.count());
    assertArrayEquals(sizes.keySet().stream().mapToLong(Long::longValue).toArray(), t.ids());
    assertArrayEquals(sizes.values().stream().mapToLong(Long::longValue).toArray(), t.voxels());
  }

  @Test
  void meshCheckRejectsMissingExtraOpenAndHollowMeshes() {
    VolumeTruth t = new VolumeTruth(2, new long[] {4, 9}, new long[] {1000, 1000});
    VoxelSize unit = new VoxelSize(1, 1, 1, null);
    MeshJob.Written a = new MeshJob.Written(4, "4.ply", 102, 200, 950, 1);
    MeshJob.Written b = new MeshJob.Written(9, "9.ply", 52, 100, 900, 1);
    MeshCheck.check(List.of(a, b), t, 1, unit);
    MeshCheck.check(List.of(a), t, 2, unit); // every 2nd cell: id 4 only
    assertThrows(Mismatch.class, () -> MeshCheck.check(List.of(a), t, 1, unit));
    assertThrows(Mismatch.class, () -> MeshCheck.check(List.of(b, a), t, 1, unit));
    MeshJob.Written open = new MeshJob.Written(9, "9.ply", 53, 100, 900, 1);
    assertThrows(Mismatch.class, () -> MeshCheck.check(List.of(a, open), t, 1, unit));
    MeshJob.Written hollow = new MeshJob.Written(9, "9.ply", 52, 100, 300, 1);
    assertThrows(Mismatch.class, () -> MeshCheck.check(List.of(a, hollow), t, 1, unit));
  }
}
