package org.ndio.benchmarks.scale;

import java.util.List;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.volume.VoxelSize;

/**
 * A mesh run is right when it wrote exactly one mesh per true cell, under the cell's id, and
 * every mesh is a closed surface of a ball: each cell is one convex-like 6-connected blob, so
 * its marching-cubes surface has Euler characteristic V - E + F = 2, and with every edge shared
 * by two triangles (E = 3F/2) that is V - F/2 = 2; a piece missing at a seam leaves a hole and
 * breaks it. The enclosed volume must also be close to the cell's voxels (marching cubes at
 * level 0.5 cuts the corners of the voxel blob, so it is somewhat less).
 */
final class MeshCheck {

  /**
   * Smallest accepted share of a cell's voxel volume its mesh encloses, for cells of at least
   * {@link #SOLID} voxels (cells cut by the volume's border can be a few voxels, where cutting
   * corners takes most of the volume).
   */
  static final double MIN_VOLUME_SHARE = 0.7;

  static final long SOLID = 200;

  private MeshCheck() {}

  /** Throws {@link Mismatch} unless right; returns what was compared. */
  static String check(List<MeshJob.Written> written, VolumeTruth truth, int every,
      VoxelSize voxel) {
    long[] ids = truth.ids();
    int expected = (ids.length + every - 1) / every;
    if (written.size() != expected) {
      throw new Mismatch("mesh wrote " + written.size() + " meshes; expected " + expected
          + " (every " + every + " of the truth's " + ids.length + " cells)");
    }
    double cube = voxel.x() * voxel.y() * voxel.z();
    double minShare = Double.MAX_VALUE;
    double maxShare = 0;
    long triangles = 0;
    for (int k = 0; k < expected; k++) {
      int i = k * every;
      MeshJob.Written w = written.get(k);
      if (w.id() != ids[i]) {
        throw new Mismatch("mesh " + k + " has id " + w.id() + "; the truth's cell " + i
            + " is " + ids[i]);
      }
      if (w.triangles() == 0 || 2L * w.vertices() - w.triangles() != 4) {
        throw new Mismatch("mesh of cell " + w.id() + " is not a closed genus-0 surface: "
            + w.vertices() + " vertices, " + w.triangles() + " triangles");
      }
      triangles += w.triangles();
      if (truth.voxels()[i] < SOLID) {
        continue;
      }
      double share = w.volume() / (truth.voxels()[i] * cube);
      minShare = Math.min(minShare, share);
      maxShare = Math.max(maxShare, share);
      if (!(share >= MIN_VOLUME_SHARE && share <= 1.0)) {
        throw new Mismatch("mesh of cell " + w.id() + " encloses " + share + " of the cell's "
            + truth.voxels()[i] + " voxels");
      }
    }
    return String.format("%d meshes, ids = the truth's%s; all closed genus 0 (V - F/2 = 2);"
        + " %d triangles; enclosed volume / voxel volume in [%.3f, %.3f] (cells >= %d voxels)",
        expected, every == 1 ? "" : " (every " + every + "th)", triangles, minShare, maxShare,
        SOLID);
  }
}
