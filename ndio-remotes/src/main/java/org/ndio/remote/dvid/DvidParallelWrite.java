package org.ndio.remote.dvid;

import java.util.Map;
import java.util.Optional;
import org.ndio.remote.http.Secret;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * A write to a DVID instance by many Spark tasks: each task opens its own connection (the URL,
 * token and options travel in this handle) and posts its boxes; boxes of whole blocks go
 * straight to DVID, so tasks given disjoint blocks never interfere. Posted blocks are visible
 * at once; {@link #commit()} sets the final extents, and {@link #abort()} cannot take back
 * what tasks posted (DVID has no transactions).
 */
final class DvidParallelWrite implements ParallelWrite {

  private static final long serialVersionUID = 1L;

  private final String url;
  private final Secret token;
  private final DvidOptions options;
  private final DataType dtype;
  private final BoundingBox extent;
  private final Size3 block;
  private final double[] voxel;
  private final String unit;

  DvidParallelWrite(DvidTarget target, Optional<Secret> token, DvidOptions options) {
    VolumeInfo i = target.remote().info();
    this.url = target.remote().url().toString();
    this.token = token.orElse(null);
    this.options = options;
    this.dtype = i.dtype();
    this.extent = target.extent();
    this.block = i.chunks();
    this.voxel = i.voxelSize().map(v -> new double[] {v.x(), v.y(), v.z()}).orElse(null);
    this.unit = i.voxelSize().map(VoxelSize::unit).orElse(null);
  }

  private DvidRemote open() {
    return DvidRemote.open(DvidUrl.parse(url), Optional.ofNullable(token), options);
  }

  @Override
  public VolumeInfo info() {
    return new VolumeInfo(dtype, extent, block,
        voxel == null ? Optional.empty()
            : Optional.of(new VoxelSize(voxel[0], voxel[1], voxel[2], unit)),
        "dvid", Map.of());
  }

  @Override
  public ChunkWriter writer() {
    DvidRemote remote = open();
    return new ChunkWriter() {
      @Override
      public void write(long x, long y, long z, Volume data) {
        extent.requireContains(BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(),
            data.sizeZ()), url);
        remote.postCutout(x, y, z, 0, data);
      }

      @Override
      public long retries() {
        return remote.requestStats().retries();
      }

      @Override
      public void close() {
        remote.close();
      }
    };
  }

  @Override
  public void commit() {
    try (DvidRemote remote = open()) {
      remote.setExtent(extent);
    }
  }

  @Override
  public void abort() {
    // Nothing to undo: DVID keeps whatever blocks were posted (see the class comment).
  }
}
