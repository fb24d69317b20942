package org.ndio.remote.dvid;

import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeWriter;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes a volume into a DVID instance by posting cutouts. Unlike file writers, every write is
 * visible on the server as soon as it is posted: {@link #commit()} only sets the instance's
 * final extents, and {@link #close()} cannot take back what was posted.
 */
final class DvidWriter implements VolumeWriter {

  private final DvidRemote remote;
  private final BoundingBox extent;

  DvidWriter(DvidTarget target) {
    this.remote = target.remote();
    this.extent = target.extent();
  }

  @Override
  public ReadStats stats() {
    return remote.stats();
  }

  @Override
  public VolumeInfo info() {
    VolumeInfo i = remote.info();
    return new VolumeInfo(i.dtype(), extent, i.chunks(), i.voxelSize(), i.compressor(),
        i.attributes());
  }

  @Override
  public Volume read(BoundingBox box) {
    extent.requireContains(box, remote.url().toString());
    return remote.fetch(box);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    extent.requireContains(box, remote.url().toString());
    remote.postCutout(x, y, z, 0, data);
  }

  @Override
  public void commit() {
    remote.setExtent(extent);
  }

  @Override
  public void close() {
    remote.close();
  }
}
