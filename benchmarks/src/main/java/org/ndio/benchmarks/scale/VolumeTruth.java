package org.ndio.benchmarks.scale;

import java.util.Arrays;
import java.util.List;
import org.ndio.synthetic.CellTruth;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.synthetic.SyntheticSpec;
import org.ndio.synthetic.Truth;
import org.ndio.volume.BoundingBox;

/**
 * The known answer for a whole synthetic volume, in the compact form the checks need: the
 * cells' ids ascending with each one's voxel count. Built from {@link Truth} one slab of grid
 * places at a time (cells never leave their place, so a slab holds its cells whole), so the
 * harness keeps 16 bytes a cell and never a list of records.
 *
 * @param count {@link Truth#count} over the whole volume
 * @param ids every cell's id, ascending
 * @param voxels each cell's voxel count, in the order of {@code ids}
 */
record VolumeTruth(long count, long[] ids, long[] voxels) {

  static VolumeTruth of(SyntheticReader reader) {
    SyntheticSpec spec = reader.spec();
    BoundingBox e = reader.info().extent();
    long slab = spec.spacing().z();
    int n = 0;
    long[] ids = new long[1024];
    long[] voxels = new long[1024];
    for (long z = e.z0(); z < e.z1(); z += slab) {
      BoundingBox b = new BoundingBox(e.x0(), e.x1(), e.y0(), e.y1(), z, Math.min(z + slab,
          e.z1()));
      List<CellTruth> cells = reader.cells(b);
      if (n + cells.size() > ids.length) {
        int grown = Math.max(2 * ids.length, n + cells.size());
        ids = Arrays.copyOf(ids, grown);
        voxels = Arrays.copyOf(voxels, grown);
      }
      for (CellTruth c : cells) {
        ids[n] = c.id();
        voxels[n++] = c.voxels();
      }
    }
    ids = Arrays.copyOf(ids, n);
    voxels = Arrays.copyOf(voxels, n);
    for (int i = 1; i < n; i++) {
      if (ids[i] <= ids[i - 1]) {
        throw new IllegalStateException("truth ids out of order at " + ids[i]);
      }
    }
    return new VolumeTruth(reader.cellCount(e), ids, voxels);
  }

  long totalVoxels() {
    return Arrays.stream(voxels).sum();
  }
}
