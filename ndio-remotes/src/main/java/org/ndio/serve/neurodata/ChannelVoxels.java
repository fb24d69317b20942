package org.ndio.serve.neurodata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ndio.format.zarr.ZarrArray;
import org.ndio.storage.SafeNames;
import org.ndio.storage.Storages;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The voxels of every channel and level, one Zarr array each at {@code
 * ROOT/data/PROJECT/CHANNEL/LEVEL}, shaped like the level's image and chunked like its cubes,
 * in the level's own coordinates (offset subtracted, as ndstore stores them). Arrays are made
 * at the first write; a level never written reads as zeros.
 *
 * <p>Writes follow ndstore's cube {@code overwrite}: only non-zero voxels of the posted data
 * replace stored ones. A cube is read, patched and rewritten under a lock of its own, so
 * concurrent posts of disjoint boxes that share a cube all land; reads take no lock (each cube
 * file is replaced atomically).
 */
final class ChannelVoxels {

  private static final int STRIPES = 1024;

  private final Path root;
  private final Map<String, ZarrArray> arrays = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[STRIPES];

  ChannelVoxels(Path root) {
    this.root = root;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  private Path path(String project, String channel, int level) {
    SafeNames.require(project, "project name", root.toString());
    SafeNames.require(channel, "channel name", root.toString());
    return root.resolve("data").resolve(project).resolve(channel).resolve(String.valueOf(level));
  }

  private Optional<ZarrArray> existing(String project, String channel, int level) {
    Path p = path(project, channel, level);
    String key = p.toString();
    ZarrArray a = arrays.get(key);
    if (a == null && Files.exists(p.resolve(".zarray"))) {
      a = arrays.computeIfAbsent(key, k -> ZarrArray.open(Storages.at(k), "zarr:" + k));
    }
    return Optional.ofNullable(a);
  }

  private ZarrArray array(String project, String channel, int level, DataType dtype,
      long[] size, Size3 cube) {
    return existing(project, channel, level).orElseGet(() -> {
      Path p = path(project, channel, level);
      return arrays.computeIfAbsent(p.toString(), k -> {
        if (!Files.exists(p.resolve(".zarray"))) {
          VolumeSpec spec = VolumeSpec.of(dtype, new Size3(size[0], size[1], size[2]))
              .withChunks(cube).withCompressor("blosc:lz4:1:byte");
          try (VolumeWriter w = Volumes.create("zarr:" + k, spec, WriteMode.ERROR_IF_EXISTS)) {
            w.commit();
          }
        }
        return ZarrArray.open(Storages.at(k), "zarr:" + k);
      });
    });
  }

  /** The voxels of {@code box} (level coordinates), zeros where nothing was written. */
  Volume read(String project, String channel, int level, DataType dtype, BoundingBox box) {
    return existing(project, channel, level).map(a -> a.read(box.atResolution(0)))
        .orElseGet(() -> Volume.allocate(dtype, box));
  }

  /**
   * Writes {@code data} at {@code (x, y, z)} of a level: non-zero voxels only when {@code
   * nonZeroOnly}, every voxel otherwise (level building).
   */
  void write(String project, String channel, int level, long[] levelSize, Size3 cube,
      long x, long y, long z, Volume data, boolean nonZeroOnly) {
    ZarrArray a = array(project, channel, level, data.dtype(), levelSize, cube);
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    for (long[] g : a.chunksTouching(box)) {
      BoundingBox cb = a.chunkBox(g[0], g[1], g[2]);
      BoundingBox part = cb.intersect(box).orElseThrow();
      Volume src = data.view((int) (part.x0() - x), (int) (part.y0() - y),
          (int) (part.z0() - z), (int) part.sizeX(), (int) part.sizeY(), (int) part.sizeZ());
      int ox = (int) (part.x0() - cb.x0());
      int oy = (int) (part.y0() - cb.y0());
      int oz = (int) (part.z0() - cb.z0());
      synchronized (lock(a, g)) {
        Volume chunk = a.readChunk(g[0], g[1], g[2]);
        if (nonZeroOnly) {
          overwriteNonZero(chunk, src, ox, oy, oz);
        } else {
          chunk.copyFrom(src, ox, oy, oz);
        }
        a.writeChunk(g[0], g[1], g[2], chunk);
      }
    }
  }

  /**
   * Changes a chunk in place ({@code chunkBox} is where it lies in level coordinates; edge
   * chunks are larger than it) and says how many voxels it changed.
   */
  interface ChunkEdit {
    long edit(Volume chunk, BoundingBox chunkBox);
  }

  /**
   * Applies {@code edit} to every chunk of a level touching {@code box} (level coordinates),
   * each under its chunk's lock, so concurrent posts and edits of the same chunks all land.
   * Chunks no edit changed are not rewritten.
   */
  void modify(String project, String channel, int level, DataType dtype, long[] levelSize,
      Size3 cube, BoundingBox box, ChunkEdit edit) {
    ZarrArray a = array(project, channel, level, dtype, levelSize, cube);
    for (long[] g : a.chunksTouching(box.atResolution(0))) {
      BoundingBox cb = a.chunkBox(g[0], g[1], g[2]).atResolution(box.resolution());
      synchronized (lock(a, g)) {
        Volume chunk = a.readChunk(g[0], g[1], g[2]);
        if (edit.edit(chunk, cb) > 0) {
          a.writeChunk(g[0], g[1], g[2], chunk);
        }
      }
    }
  }

  private Object lock(ZarrArray a, long[] g) {
    int h = a.storage().location().hashCode() * 31 + Long.hashCode(g[0]);
    h = h * 31 + Long.hashCode(g[1]);
    h = h * 31 + Long.hashCode(g[2]);
    return locks[Math.floorMod(h, STRIPES)];
  }

  /** ndstore's {@code overwriteDense}: where {@code src} is not zero it replaces the cube. */
  static void overwriteNonZero(Volume chunk, Volume src, int ox, int oy, int oz) {
    boolean floats = src.dtype().isFloat();
    for (int k = 0; k < src.sizeZ(); k++) {
      for (int j = 0; j < src.sizeY(); j++) {
        for (int i = 0; i < src.sizeX(); i++) {
          if (floats) {
            double v = src.getDouble(i, j, k);
            if (v != 0) {
              chunk.setDouble(ox + i, oy + j, oz + k, v);
            }
          } else {
            long v = src.getLong(i, j, k);
            if (v != 0) {
              chunk.setLong(ox + i, oy + j, oz + k, v);
            }
          }
        }
      }
    }
  }
}
