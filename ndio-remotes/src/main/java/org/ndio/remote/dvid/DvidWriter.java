package org.ndio.remote.dvid;

import org.ndio.remote.RemoteWriter;
import org.ndio.store.VolumeInfo;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes a volume into a DVID instance by posting cutouts. Unlike file writers, every write is
 * visible on the server as soon as it is posted: {@link #commit()} only sets the instance's
 * final extents, and {@link #close()} cannot take back what was posted.
 */
final class DvidWriter extends RemoteWriter {

  private final DvidRemote dvid;
  private final BoundingBox extent;

  DvidWriter(DvidTarget target) {
    super(target.remote(), 0);
    this.dvid = target.remote();
    this.extent = target.extent();
  }

  @Override
  public VolumeInfo info() {
    VolumeInfo i = dvid.info();
    return new VolumeInfo(i.dtype(), extent, i.chunks(), i.voxelSize(), i.compressor(),
        i.attributes());
  }

  @Override
  public Volume read(BoundingBox box) {
    extent.requireContains(box, dvid.url().toString());
    return dvid.fetch(box);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    extent.requireContains(box, dvid.url().toString());
    super.write(x, y, z, data);
  }

  @Override
  public void commit() {
    dvid.setExtent(extent);
  }
}
