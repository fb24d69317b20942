package org.ndio.serve.boss;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.ndio.format.zarr.ZarrArray;
import org.ndio.format.zarr.ZarrFormat;
import org.ndio.storage.Storages;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The voxels of one channel: resolution 0 in a Zarr array covering {@code [0, frame stop)} with
 * the BOSS cuboid (512 x 512 x 16) as its chunk, so a stored chunk is a stored cuboid; lower
 * levels are computed from it on request ({@link Downsample}). A post sets the non-zero voxels
 * of its box and leaves the rest, as the service merges uploads into its cuboids; each touched
 * chunk is read, merged and rewritten under its own lock, so concurrent posts of disjoint
 * boxes all land even where they share a chunk.
 */
final class ChannelVoxels {

  static final Size3 CUBOID = new Size3(512, 512, 16);
  private static final int STRIPES = 64;
  /** Level-0 voxels one step of a downsampled read holds at most. */
  private static final long SOURCE_BUDGET = 64L << 20;

  private final ZarrArray array;
  private final DataType dtype;
  private final BoundingBox frame;
  private final boolean isotropic;
  private final BoundingBox stored;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  private ChannelVoxels(ZarrArray array, DataType dtype, BoundingBox frame, boolean isotropic) {
    this.array = array;
    this.dtype = dtype;
    this.frame = frame;
    this.isotropic = isotropic;
    Size3 s = array.metadata().shape();
    this.stored = BoundingBox.ofShape(s.x(), s.y(), s.z());
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Opens the array under {@code dir}, creating it on first use. */
  static ChannelVoxels openOrCreate(Path dir, DataType dtype, BoundingBox frame,
      boolean isotropic) {
    if (!Files.exists(dir.resolve(".zarray"))) {
      Size3 shape = new Size3(Math.max(1, frame.x1()), Math.max(1, frame.y1()),
          Math.max(1, frame.z1()));
      VolumeSpec spec = VolumeSpec.of(dtype, shape).withChunks(CUBOID)
          .withCompressor(ZarrFormat.DEFAULT_COMPRESSOR);
      try (VolumeWriter w = new ZarrFormat().create(VolumeUrl.parse("zarr:" + dir), spec,
          WriteMode.ERROR_IF_EXISTS)) {
        w.commit();
      }
    }
    ZarrArray a = ZarrArray.open(Storages.at(dir.toString()), "zarr:" + dir);
    return new ChannelVoxels(a, dtype, frame, isotropic);
  }

  DataType dtype() {
    return dtype;
  }

  /** Level {@code r}'s downsampling factors in x/y and in z. */
  long factor(int level) {
    return 1L << level;
  }

  long factorZ(int level) {
    return isotropic ? 1L << level : 1;
  }

  /** The box at its resolution level; zeros where nothing was written. */
  Volume read(BoundingBox box) {
    if (box.resolution() == 0) {
      return readLevel0(box);
    }
    long f = factor(box.resolution());
    long fz = factorZ(box.resolution());
    Volume out = Volume.allocate(dtype, box);
    // Keep the level-0 voxels held at once bounded: downsample in pieces of the output.
    long[] piece = {box.sizeX(), box.sizeY(), box.sizeZ()};
    for (int axis : new int[] {2, 1, 0}) {
      while (piece[axis] > 1 && piece[0] * piece[1] * piece[2] * f * f * fz * dtype.bytes()
          > SOURCE_BUDGET) {
        piece[axis] = (piece[axis] + 1) / 2;
      }
    }
    if (f * f * fz * dtype.bytes() > SOURCE_BUDGET) {
      throw new BossError(ErrorCode.REQUEST_TOO_LARGE, "This server computes resolution "
          + box.resolution() + " from resolution 0 on request; one of its voxels covers "
          + f * f * fz + " voxels there, more than it reads at once");
    }
    Size3 p = new Size3(piece[0], piece[1], piece[2]);
    for (BoundingBox part : new ChunkGrid(p).cuboidsFromCorner(box, p)) {
      BoundingBox src = new BoundingBox(part.x0() * f, part.x1() * f, part.y0() * f,
          part.y1() * f, part.z0() * fz, part.z1() * fz, 0);
      Volume down = Downsample.blocks(readLevel0(src), src, part, f, fz, frame,
          dtype == DataType.UINT64);
      out.copyFrom(down, (int) (part.x0() - box.x0()), (int) (part.y0() - box.y0()),
          (int) (part.z0() - box.z0()));
    }
    return out;
  }

  private Volume readLevel0(BoundingBox box) {
    BoundingBox b0 = box.atResolution(0);
    Optional<BoundingBox> inside = b0.intersect(stored);
    if (inside.isPresent() && inside.get().equals(b0)) {
      return array.read(b0);
    }
    Volume out = Volume.allocate(dtype, b0);
    inside.ifPresent(i -> out.copyFrom(array.read(i), (int) (i.x0() - b0.x0()),
        (int) (i.y0() - b0.y0()), (int) (i.z0() - b0.z0())));
    return out;
  }

  /**
   * Sets the voxels of {@code box} (level 0) that are non-zero in {@code data}, C-order
   * little-endian bytes of the box.
   */
  void overwriteNonZero(BoundingBox box, byte[] data) {
    int b = dtype.bytes();
    Size3 c = array.metadata().chunks();
    for (long[] g : array.chunksTouching(box)) {
      BoundingBox cb = array.chunkBox(g[0], g[1], g[2]);
      BoundingBox part = cb.intersect(box).orElseThrow();
      ReentrantLock lock = locks[Math.floorMod((int) (g[0] * 31 * 31 + g[1] * 31 + g[2]),
          STRIPES)];
      lock.lock();
      try {
        Volume chunk = array.readChunk(g[0], g[1], g[2]);
        byte[] dst = chunk.array();
        long gx0 = g[0] * c.x();
        long gy0 = g[1] * c.y();
        long gz0 = g[2] * c.z();
        for (long z = part.z0(); z < part.z1(); z++) {
          for (long y = part.y0(); y < part.y1(); y++) {
            int src = (int) ((((z - box.z0()) * box.sizeY() + (y - box.y0())) * box.sizeX()
                + (part.x0() - box.x0())) * b);
            int at = (int) ((((z - gz0) * c.y() + (y - gy0)) * c.x() + (part.x0() - gx0)) * b);
            overlay(data, src, dst, at, (int) part.sizeX(), b);
          }
        }
        array.writeChunk(g[0], g[1], g[2], chunk);
      } finally {
        lock.unlock();
      }
    }
  }

  private static void overlay(byte[] src, int from, byte[] dst, int to, int n, int width) {
    for (int i = 0; i < n; i++) {
      int s = from + i * width;
      boolean zero = true;
      for (int k = 0; k < width && zero; k++) {
        zero = src[s + k] == 0;
      }
      if (!zero) {
        System.arraycopy(src, s, dst, to + i * width, width);
      }
    }
  }

  /**
   * The level-{@code r} cuboids (grid indices x, y, z) that hold any written voxel: those
   * covering a stored level-0 chunk.
   */
  List<long[]> occupiedCuboids(int level) {
    Set<List<Long>> seen = new HashSet<>();
    List<long[]> out = new ArrayList<>();
    int shift = level;
    int shiftZ = isotropic ? level : 0;
    for (String key : array.storage().list("")) {
      String[] p = key.split("\\.");
      if (p.length != 3 || !key.matches("\\d+\\.\\d+\\.\\d+")) {
        continue;
      }
      long gz = Long.parseLong(p[0]) >> shiftZ;
      long gy = Long.parseLong(p[1]) >> shift;
      long gx = Long.parseLong(p[2]) >> shift;
      if (seen.add(List.of(gx, gy, gz))) {
        out.add(new long[] {gx, gy, gz});
      }
    }
    return out;
  }

  /** The box of level-{@code level} cuboid {@code g}, clipped to what the level holds. */
  Optional<BoundingBox> cuboidBox(long[] g, int level) {
    long f = factor(level);
    long fz = factorZ(level);
    BoundingBox cuboid = new BoundingBox(g[0] * CUBOID.x(), (g[0] + 1) * CUBOID.x(),
        g[1] * CUBOID.y(), (g[1] + 1) * CUBOID.y(), g[2] * CUBOID.z(), (g[2] + 1) * CUBOID.z(),
        level);
    BoundingBox held = new BoundingBox(0, ceilDiv(stored.x1(), f), 0, ceilDiv(stored.y1(), f),
        0, ceilDiv(stored.z1(), fz), level);
    return cuboid.intersect(held);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
