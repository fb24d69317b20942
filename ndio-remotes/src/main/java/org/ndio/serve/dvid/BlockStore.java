package org.ndio.serve.dvid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.ndio.codec.Codec;
import org.ndio.format.zarr.ZarrArray;
import org.ndio.format.zarr.ZarrMetadata;
import org.ndio.storage.LocalStorage;
import org.ndio.storage.Storage;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The voxel blocks of one instance, versioned as DVID versions them: each node keeps the blocks
 * written at that node in its own Zarr v2 array ({@code NODE/voxels}, chunks = the instance's
 * block size, grown as writes reach further), and a read at a node takes each block from the
 * nearest node of its ancestry that wrote it. A block of zeros written over an ancestor's block
 * is kept as a marker {@code NODE/cleared/KEY} (Zarr drops chunks equal to the fill value).
 * Blocks at negative coordinates are never stored.
 */
final class BlockStore {

  private final LocalStorage dir;
  private final DataType dtype;
  private final Size3 block;
  private final Codec codec;
  private final Map<String, Object> zattrs;
  private final Map<String, Optional<ZarrArray>> arrays = new ConcurrentHashMap<>();

  BlockStore(LocalStorage dir, DataType dtype, Size3 block, Codec codec,
      Map<String, Object> zattrs) {
    this.dir = dir;
    this.dtype = dtype;
    this.block = block;
    this.codec = codec;
    this.zattrs = zattrs;
  }

  Size3 block() {
    return block;
  }

  private static String key(long gx, long gy, long gz) {
    return gz + "." + gy + "." + gx;
  }

  private Optional<ZarrArray> array(String node) {
    return arrays.computeIfAbsent(node, n -> {
      Storage s = voxels(n);
      return s.exists(".zarray") ? Optional.of(ZarrArray.open(s, s.location()))
          : Optional.empty();
    });
  }

  private Storage voxels(String node) {
    return new LocalStorage(dir.root().resolve(node).resolve("voxels"));
  }

  /** The block's voxels as read at the first node of {@code chain}, or null for zeros. */
  Volume readBlock(List<String> chain, long gx, long gy, long gz) {
    if (gx < 0 || gy < 0 || gz < 0) {
      return null;
    }
    String key = key(gx, gy, gz);
    for (int i = 0; i < chain.size(); i++) {
      String node = chain.get(i);
      boolean oldest = i == chain.size() - 1;
      Optional<ZarrArray> a = array(node);
      if (a.isPresent() && (oldest || a.get().storage().exists(key))) {
        return a.get().readChunk(gx, gy, gz);
      }
      if (!oldest && dir.exists(node + "/cleared/" + key)) {
        return null;
      }
    }
    return null;
  }

  /** The voxels of {@code box} as read at the first node of {@code chain}. */
  Volume read(List<String> chain, BoundingBox box) {
    Volume out = Volume.allocate(dtype, box);
    List<long[]> blocks = blocksIn(box);
    IntStream.range(0, blocks.size()).parallel().forEach(i -> {
      long[] g = blocks.get(i);
      Volume b = readBlock(chain, g[0], g[1], g[2]);
      if (b == null) {
        return;
      }
      BoundingBox bb = blockBox(g);
      BoundingBox part = bb.intersect(box).orElseThrow();
      out.copyFrom(b.view((int) (part.x0() - bb.x0()), (int) (part.y0() - bb.y0()),
          (int) (part.z0() - bb.z0()), (int) part.sizeX(), (int) part.sizeY(),
          (int) part.sizeZ()), (int) (part.x0() - box.x0()), (int) (part.y0() - box.y0()),
          (int) (part.z0() - box.z0()));
    });
    return out;
  }

  /**
   * Stores the whole blocks of {@code box} (block-aligned, at non-negative coordinates) from
   * {@code data} at {@code node}; {@code hasAncestors} says whether ancestors may hold blocks this
   * write must hide.
   */
  void write(String node, boolean hasAncestors, BoundingBox box, Volume data) {
    ZarrArray a = covering(node, box);
    List<long[]> blocks = blocksIn(box);
    blocks.parallelStream().forEach(g -> {
      BoundingBox bb = blockBox(g);
      Volume b = Volume.allocate(dtype, block.x(), block.y(), block.z());
      b.copyFrom(data.view((int) (bb.x0() - box.x0()), (int) (bb.y0() - box.y0()),
          (int) (bb.z0() - box.z0()), (int) block.x(), (int) block.y(), (int) block.z()), 0, 0,
          0);
      a.writeChunk(g[0], g[1], g[2], b);
      if (hasAncestors) {
        String marker = node + "/cleared/" + key(g[0], g[1], g[2]);
        if (isZero(b)) {
          dir.write(marker, new byte[0]);
        } else {
          dir.delete(marker);
        }
      }
    });
  }

  private static boolean isZero(Volume v) {
    for (byte x : v.array()) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** The node's array, created or grown so that it covers {@code box}. */
  private synchronized ZarrArray covering(String node, BoundingBox box) {
    Optional<ZarrArray> current = array(node);
    Size3 need = new Size3(box.x1(), box.y1(), box.z1());
    if (current.isPresent()) {
      Size3 s = current.get().metadata().shape();
      if (s.x() >= need.x() && s.y() >= need.y() && s.z() >= need.z()) {
        return current.get();
      }
      need = new Size3(Math.max(s.x(), need.x()), Math.max(s.y(), need.y()),
          Math.max(s.z(), need.z()));
    }
    Storage s = voxels(node);
    // Zarr keeps chunks by grid index, so a larger shape leaves every stored block in place.
    s.write(".zarray", ZarrMetadata.forNew(need, block, dtype, codec).toJson());
    if (current.isEmpty()) {
      s.write(".zattrs", zattrsJson());
    }
    ZarrArray a = ZarrArray.open(s, s.location());
    arrays.put(node, Optional.of(a));
    return a;
  }

  private byte[] zattrsJson() {
    try {
      return Repos.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(zattrs);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Grid indices of the blocks holding data as seen from the first node of {@code chain},
   * in z, y, x order.
   */
  List<long[]> storedBlocks(List<String> chain) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (String node : chain) {
      for (String k : voxels(node).list("")) {
        if (!k.startsWith(".")) {
          seen.putIfAbsent(k, true);
        }
      }
      for (String k : dir.list(node + "/cleared")) {
        seen.putIfAbsent(k, false);
      }
    }
    Set<String> live = new LinkedHashSet<>();
    seen.forEach((k, stored) -> {
      if (stored) {
        live.add(k);
      }
    });
    List<long[]> out = new ArrayList<>();
    for (String k : live) {
      String[] p = k.split("\\.");
      out.add(new long[] {Long.parseLong(p[2]), Long.parseLong(p[1]), Long.parseLong(p[0])});
    }
    out.sort((a, b) -> a[2] != b[2] ? Long.compare(a[2], b[2])
        : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[0], b[0]));
    return out;
  }

  BoundingBox blockBox(long[] g) {
    return BoundingBox.at(g[0] * block.x(), g[1] * block.y(), g[2] * block.z(), block.x(),
        block.y(), block.z());
  }

  private List<long[]> blocksIn(BoundingBox box) {
    List<long[]> out = new ArrayList<>();
    for (long gz = Math.floorDiv(box.z0(), block.z()); gz * block.z() < box.z1(); gz++) {
      for (long gy = Math.floorDiv(box.y0(), block.y()); gy * block.y() < box.y1(); gy++) {
        for (long gx = Math.floorDiv(box.x0(), block.x()); gx * block.x() < box.x1(); gx++) {
          out.add(new long[] {gx, gy, gz});
        }
      }
    }
    return out;
  }
}
