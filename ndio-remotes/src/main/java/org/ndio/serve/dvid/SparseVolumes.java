package org.ndio.serve.dvid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * DVID's sparse volumes of one label, computed by scanning the label blocks visible at a node
 * (DVID keeps a label index for this; this server has none, so it reads the blocks). Runs go
 * along x and are maximal; they are listed in z, then y, then x order.
 *
 * <p>Legacy RLE encoding ({@code format=rles}, the default), all little-endian: byte payload
 * descriptor (0: binary, no payload), uint8 number of dimensions (3), uint8 run dimension (0 =
 * x), byte reserved, uint32 voxel count (always 0, as DVID sends it), uint32 number of runs,
 * then per run int32 x, y, z of its first voxel and int32 length. Streaming RLEs ({@code
 * format=srles}) are the runs alone.
 */
final class SparseVolumes {

  /** Inclusive voxel bounds from {@code minx} ... {@code maxz}; absent ones are unbounded. */
  record Bounds(long minX, long maxX, long minY, long maxY, long minZ, long maxZ) {
    static final Bounds ALL = new Bounds(Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

    boolean meets(BoundingBox b) {
      return b.x0() <= maxX && b.x1() - 1 >= minX && b.y0() <= maxY && b.y1() - 1 >= minY
          && b.z0() <= maxZ && b.z1() - 1 >= minZ;
    }
  }

  /** One run: {@code length} voxels from {@code (x, y, z)} along x. */
  record Run(long x, long y, long z, long length) {}

  /** What {@code sparsevol-size} reports: voxels, blocks and the block-accurate bounds. */
  record Size(long voxels, long blocks, long[] minBlock, long[] maxBlock) {}

  private SparseVolumes() {}

  /** The label's runs inside {@code bounds}, merged across block edges. */
  static List<Run> runs(BlockStore store, List<String> chain, long label, Bounds bounds) {
    List<Run> runs = new ArrayList<>();
    for (long[] g : store.storedBlocks(chain)) {
      BoundingBox bb = store.blockBox(g);
      if (!bounds.meets(bb)) {
        continue;
      }
      Volume b = store.readBlock(chain, g[0], g[1], g[2]);
      if (b != null) {
        scan(b, bb, label, bounds, runs);
      }
    }
    runs.sort(Comparator.comparingLong(Run::z).thenComparingLong(Run::y)
        .thenComparingLong(Run::x));
    List<Run> merged = new ArrayList<>();
    for (Run r : runs) {
      Run last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && last.z() == r.z() && last.y() == r.y()
          && last.x() + last.length() == r.x()) {
        merged.set(merged.size() - 1, new Run(last.x(), last.y(), last.z(),
            last.length() + r.length()));
      } else {
        merged.add(r);
      }
    }
    return merged;
  }

  private static void scan(Volume b, BoundingBox bb, long label, Bounds bounds, List<Run> out) {
    LongBuffer v = ByteBuffer.wrap(b.array()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    int sx = b.sizeX();
    int sy = b.sizeY();
    int i = 0;
    for (int z = 0; z < b.sizeZ(); z++) {
      long wz = bb.z0() + z;
      for (int y = 0; y < sy; y++, i += sx) {
        long wy = bb.y0() + y;
        if (wz < bounds.minZ() || wz > bounds.maxZ() || wy < bounds.minY()
            || wy > bounds.maxY()) {
          continue;
        }
        int x = 0;
        while (x < sx) {
          if (v.get(i + x) != label) {
            x++;
            continue;
          }
          int start = x;
          while (x < sx && v.get(i + x) == label) {
            x++;
          }
          long x0 = Math.max(bb.x0() + start, bounds.minX());
          long x1 = Math.min(bb.x0() + x - 1, bounds.maxX());
          if (x0 <= x1) {
            out.add(new Run(x0, wy, wz, x1 - x0 + 1));
          }
        }
      }
    }
  }

  /** The legacy encoding with its 12-byte header, or empty where there are no runs. */
  static Optional<byte[]> legacy(List<Run> runs) {
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.allocate(12 + 16 * runs.size()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 3).put((byte) 0).put((byte) 0).putInt(0).putInt(runs.size());
    putRuns(b, runs);
    return Optional.of(b.array());
  }

  /** The streaming encoding: 16-byte runs with no header. */
  static byte[] streaming(List<Run> runs) {
    ByteBuffer b = ByteBuffer.allocate(16 * runs.size()).order(ByteOrder.LITTLE_ENDIAN);
    putRuns(b, runs);
    return b.array();
  }

  private static void putRuns(ByteBuffer b, List<Run> runs) {
    for (Run r : runs) {
      b.putInt(Math.toIntExact(r.x())).putInt(Math.toIntExact(r.y()))
          .putInt(Math.toIntExact(r.z())).putInt(Math.toIntExact(r.length()));
    }
  }

  /** Voxel count, block count and block bounds of the label, if it has voxels. */
  static Optional<Size> size(BlockStore store, List<String> chain, long label) {
    long voxels = 0;
    long blocks = 0;
    long[] lo = null;
    long[] hi = null;
    for (long[] g : store.storedBlocks(chain)) {
      Volume b = store.readBlock(chain, g[0], g[1], g[2]);
      if (b == null) {
        continue;
      }
      LongBuffer v = ByteBuffer.wrap(b.array()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
      long n = 0;
      for (int i = 0; i < v.limit(); i++) {
        if (v.get(i) == label) {
          n++;
        }
      }
      if (n == 0) {
        continue;
      }
      voxels += n;
      blocks++;
      if (lo == null) {
        lo = g.clone();
        hi = g.clone();
      }
      for (int a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], g[a]);
        hi[a] = Math.max(hi[a], g[a]);
      }
    }
    return lo == null ? Optional.empty() : Optional.of(new Size(voxels, blocks, lo, hi));
  }
}
