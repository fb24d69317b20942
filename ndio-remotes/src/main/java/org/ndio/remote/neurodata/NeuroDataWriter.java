package org.ndio.remote.neurodata;

import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes a NeuroData channel by posting cutouts at its own level, in the server's coordinates.
 * Unlike files, writes are visible as soon as each post returns: {@link #commit()} publishes
 * nothing more, and {@link #close()} cannot take back what was posted. As on ndstore, zero
 * voxels in the data leave the stored voxels unchanged.
 */
final class NeuroDataWriter implements VolumeWriter {

  private final NeuroDataRemote remote;

  @Override
  public ReadStats stats() {
    return remote.stats();
  }

  NeuroDataWriter(NeuroDataRemote remote) {
    this.remote = remote;
  }

  @Override
  public VolumeInfo info() {
    return remote.info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return remote.getCutout(box);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    remote.postCutout(x, y, z, data);
  }

  @Override
  public void commit() {
    // every post is already visible
  }

  @Override
  public void close() {
    remote.close();
  }
}
