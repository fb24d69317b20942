package org.ndio.serve.neurodata;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Builds a channel's lower resolution levels in the background, as ndstore's propagate task
 * does after {@code setPropagate/1/}: level {@code r} from level {@code r - 1}, from the
 * channel's own level down to the dataset's last, then marks the channel propagated (2), or
 * not propagated (0) if building failed.
 */
final class Propagator implements AutoCloseable {

  private final Catalog catalog;
  private final ChannelVoxels voxels;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ndio-neurodata-propagate");
    t.setDaemon(true);
    return t;
  });

  Propagator(Catalog catalog, ChannelVoxels voxels) {
    this.catalog = catalog;
    this.voxels = voxels;
  }

  /** Queues the build; the channel must already be marked under propagation (1). */
  void start(String project, String channel) {
    worker.submit(() -> run(project, channel));
  }

  private void run(String project, String channel) {
    try {
      NdProject p = catalog.project(project).orElseThrow();
      NdDataset d = catalog.dataset(p.dataset()).orElseThrow();
      NdChannel c = p.channels().get(channel);
      for (int r = c.resolution() + 1; r <= d.scalingLevels(); r++) {
        build(p.name(), c, d, r);
      }
      catalog.updateChannel(project, channel, ch -> ch.withPropagate(2));
    } catch (RuntimeException e) {
      catalog.updateChannel(project, channel, ch -> ch.withPropagate(0));
    }
  }

  private void build(String project, NdChannel c, NdDataset d, int r) {
    DataType t = DataType.fromName(c.datatype());
    long[] size = d.imageSize(r);
    long[] above = d.imageSize(r - 1);
    Size3 cube = d.cube(r);
    Size3 f = d.factor();
    long sx = cube.x() * 4;
    long sy = cube.y() * 4;
    long sz = cube.z();
    for (long z = 0; z < size[2]; z += sz) {
      for (long y = 0; y < size[1]; y += sy) {
        for (long x = 0; x < size[0]; x += sx) {
          BoundingBox out = new BoundingBox(x, Math.min(size[0], x + sx), y,
              Math.min(size[1], y + sy), z, Math.min(size[2], z + sz));
          BoundingBox in = new BoundingBox(out.x0() * f.x(), Math.min(above[0], out.x1() * f.x()),
              out.y0() * f.y(), Math.min(above[1], out.y1() * f.y()), out.z0() * f.z(),
              Math.min(above[2], out.z1() * f.z()));
          Volume src = voxels.read(project, c.name(), r - 1, t, in);
          Volume low = Downsample.level(src, f, (int) out.sizeX(), (int) out.sizeY(),
              (int) out.sizeZ(), c.isAnnotation());
          voxels.write(project, c.name(), r, size, cube, x, y, z, low, false);
        }
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
