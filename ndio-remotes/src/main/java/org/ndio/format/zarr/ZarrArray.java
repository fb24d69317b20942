package org.ndio.format.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.ndio.ByteSlice;
import org.ndio.CorruptDataException;
import org.ndio.NdioException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.codec.Blosc;
import org.ndio.codec.ChunkEncoder;
import org.ndio.storage.Storage;
import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * A Zarr v2 array on a {@link Storage}: reads boxes by decoding the chunks they touch, and
 * reads and writes whole chunks for writers and Spark tasks.
 *
 * <p>Voxel size lives in {@code .zattrs} as {@code "resolution": [z, y, x]} (the funlib/daisy
 * convention in connectomics) with {@code "units"}; {@code "_ARRAY_DIMENSIONS": ["z", "y",
 * "x"]} names the axes for xarray and neuroglancer.
 */
public class ZarrArray implements VolumeReader {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Storage storage;
  private final ZarrMetadata meta;
  private final Map<String, Object> attributes;
  private final String name;
  // Which level of a multiscale group this array is, and that level's voxel size from the
  // group's metadata (which overrides the array's own attributes).
  private final int level;
  private final Optional<VoxelSize> levelVoxelSize;
  private final LongAdder chunksRead = new LongAdder();
  private final LongAdder storedBytes = new LongAdder();
  private final LongAdder fetchNanos = new LongAdder();
  private final LongAdder decodeNanos = new LongAdder();
  private final Workers<ChunkBuffers> readers = new Workers<>(ChunkBuffers::new);

  ZarrArray(Storage storage, ZarrMetadata meta, Map<String, Object> attributes, String name) {
    this(storage, meta, attributes, name, 0, Optional.empty());
  }

  private ZarrArray(Storage storage, ZarrMetadata meta, Map<String, Object> attributes,
      String name, int level, Optional<VoxelSize> levelVoxelSize) {
    this.storage = storage;
    this.meta = meta;
    this.attributes = attributes;
    this.name = name;
    this.level = level;
    this.levelVoxelSize = levelVoxelSize;
  }

  /** This array as level {@code level} of a multiscale group, with that level's voxel size. */
  ZarrArray asLevel(int level, Optional<VoxelSize> voxelSize) {
    return new ZarrArray(storage, meta, attributes, name, level, voxelSize);
  }

  /** Opens the array at the root of {@code storage}; {@code name} is its URL, for messages. */
  public static ZarrArray open(Storage storage, String name) {
    byte[] zarray = storage.read(".zarray").orElseThrow(() -> ZarrFormat.notAnArray(storage, name));
    ZarrMetadata meta = ZarrMetadata.parse(zarray, name);
    return new ZarrArray(storage, meta, readAttributes(storage, name), name);
  }

  static Map<String, Object> readAttributes(Storage storage, String name) {
    return storage.read(".zattrs").map(b -> parseAttributes(b, name)).orElse(Map.of());
  }

  static Map<String, Object> parseAttributes(byte[] bytes, String name) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new CorruptDataException(name + ": .zattrs is not a JSON object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.convertValue(n, LinkedHashMap.class);
      return m;
    } catch (IOException e) {
      throw new CorruptDataException(name + ": .zattrs is not valid JSON: " + e.getMessage(), e);
    }
  }

  static byte[] toJson(Map<String, Object> attributes) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("attributes are not JSON: " + e.getMessage(), e);
    }
  }

  public ZarrMetadata metadata() {
    return meta;
  }

  public Storage storage() {
    return storage;
  }

  @Override
  public VolumeInfo info() {
    return new VolumeInfo(meta.dtype(), BoundingBox.ofShape(meta.shape().x(), meta.shape().y(),
        meta.shape().z()).atResolution(level), meta.chunks(),
        levelVoxelSize.or(() -> voxelSize(attributes)), meta.compressor().toString(),
        attributes);
  }

  static Optional<VoxelSize> voxelSize(Map<String, Object> attributes) {
    if (attributes.get("resolution") instanceof List<?> r && r.size() == 3
        && r.stream().allMatch(Number.class::isInstance)) {
      String unit = attributes.get("units") instanceof List<?> u && !u.isEmpty()
          ? String.valueOf(u.get(u.size() - 1)) : "nanometer";
      try {
        return Optional.of(new VoxelSize(((Number) r.get(2)).doubleValue(),
            ((Number) r.get(1)).doubleValue(), ((Number) r.get(0)).doubleValue(), unit));
      } catch (NdioException e) {
        return Optional.empty(); // a zero or negative resolution is not a voxel size; ignore it
      }
    }
    return Optional.empty();
  }

  /** Attributes ndio writes beside its own: axis names and the voxel size. */
  static Map<String, Object> standardAttributes(Optional<VoxelSize> voxelSize) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("_ARRAY_DIMENSIONS", List.of("z", "y", "x"));
    voxelSize.ifPresent(v -> {
      a.put("resolution", List.of(v.z(), v.y(), v.x()));
      a.put("units", List.of(v.unit(), v.unit(), v.unit()));
    });
    return a;
  }

  /** The key of chunk {@code (gx, gy, gz)} in the chunk grid. */
  public String chunkKey(long gx, long gy, long gz) {
    String s = meta.separator();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < meta.ndim() - 3; i++) {
      b.append('0').append(s);
    }
    if (meta.ndim() >= 3) {
      b.append(gz).append(s);
    }
    return b.append(gy).append(s).append(gx).toString();
  }

  /** The box chunk {@code (gx, gy, gz)} covers, clipped to the array. */
  public BoundingBox chunkBox(long gx, long gy, long gz) {
    Size3 c = meta.chunks();
    Size3 s = meta.shape();
    return new BoundingBox(gx * c.x(), Math.min(s.x(), (gx + 1) * c.x()), gy * c.y(),
        Math.min(s.y(), (gy + 1) * c.y()), gz * c.z(), Math.min(s.z(), (gz + 1) * c.z()),
        level);
  }

  /**
   * The full-size contents of a chunk (edge chunks include their padding), the fill value where
   * the chunk was never written.
   */
  public Volume readChunk(long gx, long gy, long gz) {
    return readChunk(gx, gy, gz, null);
  }

  /**
   * One thread's buffers for reading chunk after chunk: the stored bytes, and the decoded ones
   * where the codec decodes into a given array (blosc). A chunk read with them lives in them
   * until the next read.
   */
  private static final class ChunkBuffers {
    byte[] stored;
    byte[] raw;
  }

  /** {@link #readChunk(long, long, long)}, into {@code buffers} where they are given. */
  private Volume readChunk(long gx, long gy, long gz, ChunkBuffers buffers) {
    return readChunk(gx, gy, gz, buffers, null);
  }

  /**
   * {@link #readChunk(long, long, long, ChunkBuffers)}, decoded straight into {@code whole}
   * where it is given (see {@link #decodesInPlace}), which is then returned.
   */
  private Volume readChunk(long gx, long gy, long gz, ChunkBuffers buffers, Volume whole) {
    String key = chunkKey(gx, gy, gz);
    long start = System.nanoTime();
    Optional<ByteSlice> stored = storage.read(key, buffers == null ? null : buffers.stored);
    long fetched = System.nanoTime();
    fetchNanos.add(fetched - start);
    if (stored.isEmpty()) {
      if (whole != null) {
        whole.fill(meta.fillValue());
        return whole;
      }
      return emptyChunk();
    }
    chunksRead.increment();
    storedBytes.add(stored.get().length());
    try {
      return decode(key, stored.get(), buffers, whole);
    } finally {
      decodeNanos.add(System.nanoTime() - fetched);
    }
  }

  private Volume decode(String key, ByteSlice stored, ChunkBuffers buffers, Volume whole) {
    Size3 c = meta.chunks();
    byte[] raw;
    int n;
    try {
      if (buffers != null) {
        buffers.stored = stored.array();
      }
      byte[] into = whole != null ? whole.array() : buffers != null ? buffers.raw : null;
      if (into != null) {
        raw = into;
        n = Blosc.decodeInto(stored, raw, 0);
      } else {
        raw = meta.compressor().decode(stored.toArray(), meta.chunkBytes());
        n = raw.length;
        // The first decoded chunk's own array becomes the buffer: never one allocated from
        // the metadata's chunk size alone, which a damaged .zarray can make huge.
        if (buffers != null && meta.compressor() instanceof Blosc && n == meta.chunkBytes()) {
          buffers.raw = raw;
        }
      }
    } catch (CorruptDataException e) {
      throw new CorruptDataException(name + ": chunk " + key + ": " + e.getMessage(), e);
    }
    if (n != meta.chunkBytes()) {
      throw new CorruptDataException(name + ": chunk " + key + " holds " + n
          + " bytes once decoded, " + meta.chunkBytes() + " expected");
    }
    int cx = (int) c.x(), cy = (int) c.y(), cz = (int) c.z();
    if (meta.fortranOrder()) {
      return Volume.fromFortranBytes(meta.dtype(), cx, cy, cz, raw, 0, meta.order());
    }
    if (meta.order() == ByteOrder.BIG_ENDIAN && meta.dtype().bytes() > 1) {
      Volume.swapInPlace(raw, meta.dtype().bytes());
    }
    return whole != null ? whole : Volume.wrap(meta.dtype(), cx, cy, cz, raw);
  }

  /**
   * Whether a read of exactly one whole chunk into {@code target} can decode into the target's
   * own array: a blosc chunk in C order, and a target that is all of its array and of the
   * chunk's shape. A recompressing copy reads every chunk so; the decode into a kept buffer
   * and the copy out of it cost about a tenth of a zarr-to-zarr conversion's CPU.
   */
  private boolean decodesInPlace(BoundingBox box, Volume target) {
    return meta.compressor() instanceof Blosc && !meta.fortranOrder() && isWholeChunk(box)
        && target.isWholeArray();
  }

  /** A full-size chunk holding only the fill value. */
  Volume emptyChunk() {
    Size3 c = meta.chunks();
    Volume v = Volume.allocate(meta.dtype(), c.x(), c.y(), c.z());
    if (meta.fillValue() != 0) {
      v.fill(meta.fillValue());
    }
    return v;
  }

  /**
   * Stores a full-size chunk atomically. A chunk equal to the fill value everywhere is removed
   * instead, as zarr-python does, so sparse label volumes stay small.
   */
  public void writeChunk(long gx, long gy, long gz, Volume chunk) {
    try (ChunkEncoder encoder = meta.compressor().encoder()) {
      writeChunk(gx, gy, gz, chunk, encoder);
    }
  }

  /**
   * {@link #writeChunk(long, long, long, Volume)} with an encoder of this array's compressor
   * that the calling thread reuses for its chunks.
   */
  public void writeChunk(long gx, long gy, long gz, Volume chunk, ChunkEncoder encoder) {
    String key = chunkKey(gx, gy, gz);
    if (isAllFill(chunk)) {
      storage.delete(key);
      return;
    }
    if (meta.fortranOrder()) {
      throw new UnsupportedFeatureException(
          name + ": writing Fortran-order zarr arrays is not supported");
    }
    byte[] raw = meta.order() == ByteOrder.BIG_ENDIAN
        ? chunk.toBytes(meta.order()) : chunk.array();
    ByteSlice stored = encoder.encode(raw, meta.dtype().bytes());
    storage.write(key, stored.array(), 0, stored.length());
  }

  private boolean isAllFill(Volume chunk) {
    double fill = meta.fillValue();
    if (fill == 0 && !meta.dtype().isFloat()) {
      // Integer zero is all-zero bytes: scan the array, not voxel by voxel.
      for (byte b : chunk.array()) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
    for (int z = 0; z < chunk.sizeZ(); z++) {
      for (int y = 0; y < chunk.sizeY(); y++) {
        for (int x = 0; x < chunk.sizeX(); x++) {
          double v = chunk.getDouble(x, y, z);
          if (v != fill && !(Double.isNaN(v) && Double.isNaN(fill))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether {@code box} is exactly one chunk with no padding. */
  private boolean isWholeChunk(BoundingBox box) {
    Size3 c = meta.chunks();
    return box.x0() % c.x() == 0 && box.y0() % c.y() == 0 && box.z0() % c.z() == 0
        && box.hasShape(c);
  }

  /** Chunk grid indices {gx, gy, gz} of every chunk {@code box} touches, z slowest. */
  public List<long[]> chunksTouching(BoundingBox box) {
    Size3 c = meta.chunks();
    List<long[]> out = new ArrayList<>();
    for (long gz = box.z0() / c.z(); gz * c.z() < box.z1(); gz++) {
      for (long gy = box.y0() / c.y(); gy * c.y() < box.y1(); gy++) {
        for (long gx = box.x0() / c.x(); gx * c.x() < box.x1(); gx++) {
          out.add(new long[] {gx, gy, gz});
        }
      }
    }
    return out;
  }

  @Override
  public Volume read(BoundingBox box) {
    info().extent().requireContains(box, name);
    if (isWholeChunk(box)) {
      // The usual Spark cuboid: hand over the decoded chunk itself, sparing a copy.
      Size3 c = meta.chunks();
      return readChunk(box.x0() / c.x(), box.y0() / c.y(), box.z0() / c.z());
    }
    Volume out = Volume.allocate(meta.dtype(), box);
    readInto(box, out);
    return out;
  }

  @Override
  public void readInto(BoundingBox box, Volume target) {
    info().extent().requireContains(box, name);
    VolumeReader.requireTarget(this, box, target);
    if (decodesInPlace(box, target)) {
      Size3 c = meta.chunks();
      readers.run(1, b -> readChunk(box.x0() / c.x(), box.y0() / c.y(), box.z0() / c.z(), b,
          target));
      return;
    }
    List<long[]> chunks = chunksTouching(box);
    // Chunks decode independently into disjoint parts of the target: the workers take them
    // off a shared counter, reading and decoding into buffers they keep (a fresh
    // multi-megabyte array per chunk cost more than the copy out of it).
    AtomicInteger next = new AtomicInteger();
    readers.run(chunks.size(), b -> readChunks(chunks, next, box, target, b));
  }

  /** Takes chunks off {@code next} until none is left, copying each one's part of the box. */
  private void readChunks(List<long[]> chunks, AtomicInteger next, BoundingBox box,
      Volume target, ChunkBuffers buffers) {
    for (int i = next.getAndIncrement(); i < chunks.size(); i = next.getAndIncrement()) {
      long[] g = chunks.get(i);
      BoundingBox cb = chunkBox(g[0], g[1], g[2]);
      BoundingBox part = cb.intersect(box).orElseThrow();
      Volume chunk = readChunk(g[0], g[1], g[2], buffers);
      Volume src = chunk.view((int) (part.x0() - cb.x0()), (int) (part.y0() - cb.y0()),
          (int) (part.z0() - cb.z0()), (int) part.sizeX(), (int) part.sizeY(),
          (int) part.sizeZ());
      target.copyFrom(src, (int) (part.x0() - box.x0()), (int) (part.y0() - box.y0()),
          (int) (part.z0() - box.z0()));
    }
  }

  @Override
  public ReadStats stats() {
    return new ReadStats(chunksRead.sum(), storedBytes.sum(), fetchNanos.sum(),
        decodeNanos.sum());
  }

  @Override
  public String toString() {
    return name;
  }
}
