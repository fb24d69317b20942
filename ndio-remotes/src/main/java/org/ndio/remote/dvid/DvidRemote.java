package org.ndio.remote.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.RemoteException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.Remote;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.HttpTransport.Request;
import org.ndio.remote.http.HttpTransport.Response;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeInfo;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * One DVID voxel instance (uint8blk ... float32blk, labelblk, labelarray, labelmap) at one
 * version node, read and written through DVID's {@code raw/0_1_2} endpoint.
 *
 * <p>{@link #info()}: the voxel type from {@code Extended.Values}, the extent {@code [MinPoint,
 * MaxPoint + 1)} from the instance's {@code info} (DVID grows it with every write), chunks = the
 * instance's {@code BlockSize}, the voxel size from {@code VoxelSize}/{@code VoxelUnits}. An
 * instance nothing was written to has no extent: {@code info()} and reads refuse it with a
 * {@link VolumeNotFoundException} saying so. DVID keeps scale 0 only here (its multiscale data
 * lives in one instance per scale): other resolution levels are refused.
 *
 * <p>Reads and writes larger than {@link DvidOptions#maxRequestBytes()} go in pieces of whole
 * blocks, concurrently. DVID accepts only block-aligned POSTs: a write of a box that cuts
 * blocks reads those blocks, lays the new voxels over them and posts them whole, so voxels
 * outside the box never change (two writers must not cut the same block at once). Label
 * voxels travel LZ4-compressed. Writes are visible as soon as they are posted.
 *
 * <p>{@link #ids} has no DVID endpoint: it reads the box's labels and lists them. {@link
 * #boundingBox} reads the label's sparse volume where the type indexes labels (labelarray,
 * labelmap), else scans the extent. {@link #reserveIds} uses {@code POST nextlabel}. {@link
 * #metadata()} lives in a keyvalue instance named {@code INSTANCE_meta} at the same node,
 * created on the first {@link #putMetadata}.
 */
public final class DvidRemote implements Remote {

  /** The keyvalue instance holding an instance's metadata is named after it plus this. */
  public static final String META_SUFFIX = "_meta";

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

  private final DvidUrl url;
  private final DvidClient client;
  private final DvidOptions options;
  private final DvidType type;
  private final DataType dtype;
  private final Size3 block;
  private final String path;
  private final AtomicBoolean lz4;
  private volatile DvidInstance instance;
  private volatile Optional<BoundingBox> extent;

  private DvidRemote(DvidUrl url, DvidClient client, DvidOptions options, DvidInstance inst) {
    this.url = url;
    this.client = client;
    this.options = options;
    if (inst.type().isPresent() && inst.type().get() == DvidType.KEYVALUE) {
      throw new UnsupportedFeatureException(url + " is a keyvalue instance: it holds key-value"
          + " pairs, not voxels (read them as another instance's metadata())");
    }
    if (inst.type().isEmpty() || !inst.hasVoxels()) {
      throw new UnsupportedFeatureException(url + ": DVID type '" + inst.typeName()
          + "' is not one ndio reads (uint8blk, uint16blk, uint32blk, uint64blk, float32blk,"
          + " labelblk, labelarray, labelmap)");
    }
    this.type = inst.type().get();
    this.dtype = inst.dtype().get();
    this.block = inst.blockSize().get();
    this.instance = inst;
    this.extent = inst.extent();
    this.path = "/api/node/" + DvidClient.seg(url.uuid()) + "/" + DvidClient.seg(url.instance());
    this.lz4 = new AtomicBoolean(options.compressLabels() && type.isLabel());
  }

  /** Opens {@code url} with the token in {@code NDIO_DVID_TOKEN}, if set. */
  public static DvidRemote open(String url) {
    return open(DvidUrl.parse(url), Secret.fromEnvironment(DvidFormat.TOKEN_VARIABLE),
        DvidOptions.DEFAULT);
  }

  public static DvidRemote open(String url, Secret token) {
    return open(DvidUrl.parse(url), Optional.of(token), DvidOptions.DEFAULT);
  }

  /** Opens the instance (one {@code info} request, which fails if it does not exist). */
  public static DvidRemote open(DvidUrl url, Optional<Secret> token, DvidOptions options) {
    DvidClient c = new DvidClient(url.base(), token, options);
    try {
      return new DvidRemote(url, c, options, c.instance(url.uuid(), url.instance()));
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public DvidUrl url() {
    return url;
  }

  /** The connection, for repo and node calls (shares this remote's token and counters). */
  public DvidClient client() {
    return client;
  }

  /** The instance as last described by the server (see {@link #refresh()}). */
  public DvidInstance instance() {
    return instance;
  }

  public DvidType type() {
    return type;
  }

  /** Asks the server again for the instance's info (others may have written since). */
  public DvidInstance refresh() {
    DvidInstance i = client.instance(url.uuid(), url.instance());
    instance = i;
    extent = i.extent();
    return i;
  }

  @Override
  public VolumeInfo info() {
    BoundingBox e = extent.orElseThrow(() -> new VolumeNotFoundException(url + ": the instance"
        + " holds no voxels yet: its info has no MinPoint/MaxPoint, so there is no extent to"
        + " read (write to it first, or POST its extents)"));
    Map<String, Object> attrs = new TreeMap<>();
    attrs.put("dvid.typename", type.typeName());
    attrs.put("dvid.uuid", url.uuid());
    attrs.put("dvid.dataUuid", instance.dataUuid());
    return new VolumeInfo(dtype, e, block, instance.voxelSize(), "dvid " + type.typeName(),
        attrs);
  }

  private void checkLevel(int level) {
    if (level != 0) {
      throw new UnsupportedFeatureException(url + ": resolution level " + level
          + " requested, but a DVID " + type.typeName() + " instance holds level 0 only"
          + " (multiscale DVID data lives in one instance per scale: open that instance)");
    }
  }

  @Override
  public Volume getCutout(BoundingBox box) {
    checkLevel(box.resolution());
    info().extent().requireContains(box, url.toString());
    return fetch(box);
  }

  /** Reads any box, inside the extent or not (DVID answers zeros where nothing was written). */
  Volume fetch(BoundingBox box) {
    List<BoundingBox> pieces = new ChunkGrid(block).cuboids(box, pieceShape(box));
    if (pieces.size() == 1) {
      return getRaw(box);
    }
    Volume out = Volume.allocate(dtype, box);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : pieces) {
      tasks.add(() -> {
        out.copyFrom(getRaw(p), (int) (p.x0() - box.x0()), (int) (p.y0() - box.y0()),
            (int) (p.z0() - box.z0()));
        return null;
      });
    }
    client.transport().parallel(tasks);
    return out;
  }

  /**
   * Whole blocks per piece, at most {@link DvidOptions#maxRequestBytes()} each (one block at
   * least), growing along x first (DVID's blocks are stored x-fastest), no longer than the span
   * of {@code box} needs.
   */
  Size3 pieceShape(BoundingBox box) {
    long blockBytes = block.voxels() * dtype.bytes();
    long budget = Math.max(1, options.maxRequestBytes() / blockBytes);
    long kx = Math.min(budget, span(box.x0(), box.x1(), block.x()));
    budget = Math.max(1, budget / kx);
    long ky = Math.min(budget, span(box.y0(), box.y1(), block.y()));
    budget = Math.max(1, budget / ky);
    long kz = Math.min(budget, span(box.z0(), box.z1(), block.z()));
    return new Size3(kx * block.x(), ky * block.y(), kz * block.z());
  }

  private static long span(long start, long stop, long size) {
    return Math.floorDiv(stop - 1, size) - Math.floorDiv(start, size) + 1;
  }

  private String rawPath(BoundingBox b) {
    return path + "/raw/0_1_2/" + b.sizeX() + "_" + b.sizeY() + "_" + b.sizeZ() + "/" + b.x0()
        + "_" + b.y0() + "_" + b.z0();
  }

  private Volume getRaw(BoundingBox b) {
    int bytes = (int) Volume.byteSize(dtype, b.sizeX(), b.sizeY(), b.sizeZ());
    boolean compressed = lz4.get();
    Request r = Request.get(client.uri(rawPath(b) + (compressed ? "?compression=lz4" : "")),
        Map.of());
    byte[] data;
    try {
      data = client.send(r, resp -> decode(resp, bytes, compressed));
    } catch (RemoteException e) {
      if (compressed && refusedCompression(e)) {
        return getRaw(b);
      }
      throw e;
    }
    return Volume.wrap(dtype, (int) b.sizeX(), (int) b.sizeY(), (int) b.sizeZ(), data);
  }

  /** A server that does not take LZ4 here: send raw voxels from now on. */
  private boolean refusedCompression(RemoteException e) {
    if (e.status() == 400 && e.serverMessage().toLowerCase().contains("compression")) {
      lz4.set(false);
      return true;
    }
    return false;
  }

  private static byte[] decode(Response r, int bytes, boolean compressed) {
    byte[] body = r.body();
    if (!compressed) {
      if (body.length != bytes) {
        throw new CorruptDataException("answer holds " + body.length + " bytes of voxels, "
            + bytes + " expected");
      }
      return body;
    }
    byte[] out = new byte[bytes];
    int n;
    try {
      n = LZ4.safeDecompressor().decompress(body, 0, body.length, out, 0, bytes);
    } catch (LZ4Exception e) {
      throw new CorruptDataException("LZ4 answer of " + body.length + " bytes does not decode"
          + " to " + bytes + " bytes of voxels", e);
    }
    if (n != bytes) {
      throw new CorruptDataException("LZ4 answer decodes to " + n + " bytes, " + bytes
          + " expected");
    }
    return out;
  }

  @Override
  public void postCutout(long x, long y, long z, int resolution, Volume data) {
    checkLevel(resolution);
    if (data.dtype() != dtype) {
      throw new DataTypeException(url + ": cannot post " + data.dtype().numpyName()
          + " voxels into a " + type.typeName() + " instance, which holds "
          + dtype.numpyName());
    }
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    BoundingBox aligned = new BoundingBox(down(box.x0(), block.x()), up(box.x1(), block.x()),
        down(box.y0(), block.y()), up(box.y1(), block.y()), down(box.z0(), block.z()),
        up(box.z1(), block.z()));
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : new ChunkGrid(block).cuboids(aligned, pieceShape(aligned))) {
      tasks.add(() -> {
        postPiece(p, box, data);
        return null;
      });
    }
    client.transport().parallel(tasks);
    grow(aligned);
  }

  private static long down(long v, long unit) {
    return Math.floorDiv(v, unit) * unit;
  }

  private static long up(long v, long unit) {
    return Math.floorDiv(v + unit - 1, unit) * unit;
  }

  private synchronized void grow(BoundingBox written) {
    BoundingBox e = extent.map(cur -> union(cur, written)).orElse(written);
    extent = Optional.of(e);
  }

  static BoundingBox union(BoundingBox a, BoundingBox b) {
    return new BoundingBox(Math.min(a.x0(), b.x0()), Math.max(a.x1(), b.x1()),
        Math.min(a.y0(), b.y0()), Math.max(a.y1(), b.y1()), Math.min(a.z0(), b.z0()),
        Math.max(a.z1(), b.z1()));
  }

  /** Posts the whole blocks of piece {@code p}, taking the voxels of {@code box} from data. */
  private void postPiece(BoundingBox p, BoundingBox box, Volume data) {
    BoundingBox part = p.intersect(box).orElseThrow();
    Volume src = data.view((int) (part.x0() - box.x0()), (int) (part.y0() - box.y0()),
        (int) (part.z0() - box.z0()), (int) part.sizeX(), (int) part.sizeY(),
        (int) part.sizeZ());
    byte[] body;
    if (part.equals(p)) {
      body = src.array();
    } else {
      Volume current = getRaw(p);
      current.copyFrom(src, (int) (part.x0() - p.x0()), (int) (part.y0() - p.y0()),
          (int) (part.z0() - p.z0()));
      body = current.array();
    }
    postRaw(p, body);
  }

  private void postRaw(BoundingBox p, byte[] raw) {
    boolean compressed = lz4.get();
    byte[] body = compressed ? LZ4.fastCompressor().compress(raw) : raw;
    Request r = Request.post(client.uri(rawPath(p) + (compressed ? "?compression=lz4" : "")),
        Map.of("Content-Type", "application/octet-stream"), body, true);
    try {
      client.send(r);
    } catch (RemoteException e) {
      if (compressed && refusedCompression(e)) {
        postRaw(p, raw);
        return;
      }
      throw e;
    }
  }

  /** Sets the instance's extents ({@code POST extents}; DVID keeps the last one posted). */
  public void setExtent(BoundingBox e) {
    ObjectNode b = DvidClient.JSON.createObjectNode();
    b.putArray("MinPoint").add(e.x0()).add(e.y0()).add(e.z0());
    b.putArray("MaxPoint").add(e.x1() - 1).add(e.y1() - 1).add(e.z1() - 1);
    client.send(Request.post(client.uri(path + "/extents"),
        Map.of("Content-Type", "application/json"), b.toString().getBytes(StandardCharsets.UTF_8),
        true));
    extent = Optional.of(e);
  }

  // ---- labels

  @Override
  public long labelAt(long x, long y, long z, int resolution) {
    checkLevel(resolution);
    if (!type.isLabel()) {
      return fetch(BoundingBox.at(x, y, z, 1, 1, 1)).getLong(0, 0, 0);
    }
    JsonNode n = client.getJson(path + "/label/" + x + "_" + y + "_" + z);
    return unsigned(n.path("Label"));
  }

  private static long unsigned(JsonNode n) {
    if (!n.isIntegralNumber()) {
      throw new CorruptDataException("expected a label number, got " + n);
    }
    return Long.parseUnsignedLong(n.asText());
  }

  /** The labels at many points at once ({@code GET labels} with the points as JSON). */
  public long[] labelsAt(List<long[]> points) {
    if (!type.isLabel()) {
      long[] out = new long[points.size()];
      for (int i = 0; i < out.length; i++) {
        long[] p = points.get(i);
        out[i] = labelAt(p[0], p[1], p[2], 0);
      }
      return out;
    }
    ArrayNode a = DvidClient.JSON.createArrayNode();
    points.forEach(p -> a.addArray().add(p[0]).add(p[1]).add(p[2]));
    JsonNode n = client.send(new Request("GET", client.uri(path + "/labels"),
        Map.of("Content-Type", "application/json"),
        a.toString().getBytes(StandardCharsets.UTF_8), true), DvidClient::json);
    if (!n.isArray() || n.size() != points.size()) {
      throw new CorruptDataException(url + ": labels answer " + n + " does not hold "
          + points.size() + " labels");
    }
    long[] out = new long[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = unsigned(n.get(i));
    }
    return out;
  }

  /**
   * The distinct non-zero values in {@code box}, ascending (as unsigned 64-bit numbers). DVID
   * has no endpoint for this: the box is read piece by piece and its values listed.
   */
  @Override
  public long[] ids(BoundingBox box) {
    checkLevel(box.resolution());
    info().extent().requireContains(box, url.toString());
    List<Callable<long[]>> tasks = new ArrayList<>();
    for (BoundingBox p : new ChunkGrid(block).cuboids(box, pieceShape(box))) {
      tasks.add(() -> distinct(getRaw(p)));
    }
    List<long[]> parts = client.transport().parallel(tasks);
    long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
    return unsignedOrder(uniqueSorted(all));
  }

  private static long[] distinct(Volume v) {
    if (v.dtype().bytes() == 1) {
      boolean[] seen = new boolean[256];
      for (byte b : v.array()) {
        seen[b & 0xff] = true;
      }
      long[] out = new long[256];
      int n = 0;
      for (int i = 1; i < 256; i++) {
        if (seen[i]) {
          out[n++] = v.dtype().isSigned() ? (byte) i : i;
        }
      }
      return Arrays.copyOf(out, n);
    }
    long[] values = new long[(int) v.voxels()];
    if (v.dtype() == DataType.UINT64 || v.dtype() == DataType.INT64) {
      LongBuffer b = ByteBuffer.wrap(v.array()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
      b.get(values);
    } else {
      int i = 0;
      for (int z = 0; z < v.sizeZ(); z++) {
        for (int y = 0; y < v.sizeY(); y++) {
          for (int x = 0; x < v.sizeX(); x++) {
            values[i++] = v.getLong(x, y, z);
          }
        }
      }
    }
    return uniqueSorted(values);
  }

  /** Sorted (signed order), without repeats and without 0. */
  private static long[] uniqueSorted(long[] a) {
    Arrays.sort(a);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != 0 && (n == 0 || a[n - 1] != a[i])) {
        a[n++] = a[i];
      }
    }
    return Arrays.copyOf(a, n);
  }

  /** Signed order to unsigned order: values of 2^63 and above move to the end. */
  private static long[] unsignedOrder(long[] sorted) {
    int neg = 0;
    while (neg < sorted.length && sorted[neg] < 0) {
      neg++;
    }
    long[] out = new long[sorted.length];
    System.arraycopy(sorted, neg, out, 0, sorted.length - neg);
    System.arraycopy(sorted, 0, out, sorted.length - neg, neg);
    return out;
  }

  @Override
  public Optional<BoundingBox> boundingBox(long id, int resolution) {
    checkLevel(resolution);
    if (id == 0) {
      throw new NdioException(url + ": label 0 is DVID's background; it has no bounding box");
    }
    if (type.isIndexed()) {
      return sparseVolume(id).flatMap(SparseVolume::box);
    }
    BoundingBox e = info().extent();
    List<Callable<Optional<BoundingBox>>> tasks = new ArrayList<>();
    for (BoundingBox p : new ChunkGrid(block).cuboids(e, pieceShape(e))) {
      tasks.add(() -> where(getRaw(p), p, id));
    }
    return client.transport().parallel(tasks).stream().flatMap(Optional::stream)
        .reduce(DvidRemote::union);
  }

  private static Optional<BoundingBox> where(Volume v, BoundingBox at, long id) {
    long[] lo = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    long[] hi = {-1, -1, -1};
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (v.getLong(x, y, z) == id) {
            lo[0] = Math.min(lo[0], x);
            lo[1] = Math.min(lo[1], y);
            lo[2] = Math.min(lo[2], z);
            hi[0] = Math.max(hi[0], x);
            hi[1] = Math.max(hi[1], y);
            hi[2] = Math.max(hi[2], z);
          }
        }
      }
    }
    if (hi[0] < 0) {
      return Optional.empty();
    }
    return Optional.of(new BoundingBox(at.x0() + lo[0], at.x0() + hi[0] + 1, at.y0() + lo[1],
        at.y0() + hi[1] + 1, at.z0() + lo[2], at.z0() + hi[2] + 1));
  }

  /** The label's sparse volume ({@code GET sparsevol}), empty where the label has no voxels. */
  public Optional<SparseVolume> sparseVolume(long id) {
    if (!type.isIndexed()) {
      throw new UnsupportedFeatureException(url + ": a " + type.typeName() + " instance has no"
          + " sparse volumes (labelarray and labelmap do)");
    }
    Request r = Request.get(client.uri(path + "/sparsevol/" + Long.toUnsignedString(id)),
        Map.of());
    return client.sendUnless404(r, resp -> SparseVolume.parse(resp.body()));
  }

  /**
   * The label's voxel count and block-accurate bounds ({@code GET sparsevol-size}), empty where
   * the label has no voxels.
   */
  public Optional<SparsevolSize> sparsevolSize(long id) {
    requireIndexed("sparse volumes");
    Request r = Request.get(client.uri(path + "/sparsevol-size/" + Long.toUnsignedString(id)),
        Map.of());
    return client.sendUnless404(r, DvidClient::json).map(n -> {
      JsonNode lo = n.path("minvoxel");
      JsonNode hi = n.path("maxvoxel");
      return new SparsevolSize(n.path("voxels").asLong(), n.path("numblocks").asLong(),
          new BoundingBox(lo.path(0).asLong(), hi.path(0).asLong() + 1, lo.path(1).asLong(),
              hi.path(1).asLong() + 1, lo.path(2).asLong(), hi.path(2).asLong() + 1));
    });
  }

  /** Whether the label has voxels ({@code HEAD sparsevol}: 200 yes, 204 no). */
  public boolean hasLabel(long id) {
    requireIndexed("sparse volumes");
    int status = client.send(new Request("HEAD", client.uri(path + "/sparsevol/"
        + Long.toUnsignedString(id)), Map.of(), null, true)).status();
    return status == 200;
  }

  /** The label a new one would get ({@code GET nextlabel}); nothing is reserved. */
  public long nextLabel() {
    requireIndexed("a label counter");
    return unsigned(client.getJson(path + "/nextlabel").path("nextlabel"));
  }

  /** The largest label written at this node or its ancestors ({@code GET maxlabel}). */
  public OptionalLong maxLabel() {
    requireIndexed("a label counter");
    try {
      return OptionalLong.of(unsigned(client.getJson(path + "/maxlabel").path("maxlabel")));
    } catch (RemoteException e) {
      if (e.status() == 400 && e.serverMessage().contains("No maximum label")) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  private void requireIndexed(String what) {
    if (!type.isIndexed()) {
      throw new UnsupportedFeatureException(url + ": a " + type.typeName() + " instance keeps"
          + " no " + what + " (labelarray and labelmap do)");
    }
  }

  /**
   * Reserves labels with {@code POST nextlabel}: labelmap takes the count in the path, labelarray
   * as {@code {"needed": N}}; both answer {@code {"start": A, "end": B}} with B inclusive.
   */
  @Override
  public IdRange reserveIds(long count) {
    if (count < 1) {
      throw new NdioException(url + ": cannot reserve " + count + " ids (1 or more)");
    }
    requireIndexed("a label counter");
    JsonNode n;
    if (type == DvidType.LABELARRAY) {
      n = client.postJson(path + "/nextlabel", DvidClient.JSON.createObjectNode()
          .put("needed", count), false);
    } else {
      n = client.postJson(path + "/nextlabel/" + count, null, false);
    }
    long start = unsigned(n.path("start"));
    long end = unsigned(n.path("end"));
    if (end - start + 1 != count) {
      throw new CorruptDataException(url + ": nextlabel gave " + start + ".." + end + " for "
          + count + " labels");
    }
    return new IdRange(start, count);
  }

  // ---- metadata

  private String metaPath() {
    return "/api/node/" + DvidClient.seg(url.uuid()) + "/"
        + DvidClient.seg(url.instance() + META_SUFFIX);
  }

  private static boolean missingInstance(VolumeNotFoundException e) {
    return e.getMessage().startsWith("no data instance");
  }

  /** The pairs of the {@code INSTANCE_meta} keyvalue instance (none if it does not exist). */
  @Override
  public Map<String, String> metadata() {
    JsonNode keys;
    try {
      keys = client.getJson(metaPath() + "/keys");
    } catch (VolumeNotFoundException e) {
      if (missingInstance(e)) {
        return Map.of();
      }
      throw e;
    }
    List<String> names = new ArrayList<>();
    keys.forEach(k -> names.add(k.asText()));
    List<Callable<Optional<String>>> tasks = new ArrayList<>();
    for (String k : names) {
      tasks.add(() -> client.sendUnless404(Request.get(client.uri(metaPath() + "/key/"
          + DvidClient.seg(k)), Map.of()), r -> new String(r.body(), StandardCharsets.UTF_8)));
    }
    List<Optional<String>> values = client.transport().parallel(tasks);
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      int at = i;
      values.get(i).ifPresent(v -> out.put(names.get(at), v));
    }
    return out;
  }

  /** One key's value ({@code GET key/KEY}), empty if the key or the instance is missing. */
  @Override
  public Optional<String> metadata(String key) {
    checkKey(key);
    try {
      return client.sendUnless404(Request.get(client.uri(metaPath() + "/key/"
          + DvidClient.seg(key)), Map.of()), r -> new String(r.body(), StandardCharsets.UTF_8));
    } catch (VolumeNotFoundException e) {
      if (missingInstance(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the metadata has the key ({@code HEAD key}). */
  public boolean hasMetadata(String key) {
    checkKey(key);
    Request r = new Request("HEAD", client.uri(metaPath() + "/key/" + DvidClient.seg(key)),
        Map.of(), null, true);
    try {
      return client.sendUnless404(r, resp -> true).orElse(false);
    } catch (RemoteException e) {
      // A HEAD answer has no body to say why: a 400 here may be the missing instance.
      if (e.status() == 400
          && client.findInstance(url.uuid(), url.instance() + META_SUFFIX).isEmpty()) {
        return false;
      }
      throw e;
    }
  }

  /** The metadata keys from {@code from} to {@code to}, both included ({@code keyrange}). */
  public List<String> metadataKeys(String from, String to) {
    checkKey(from);
    checkKey(to);
    try {
      List<String> out = new ArrayList<>();
      client.getJson(metaPath() + "/keyrange/" + DvidClient.seg(from) + "/"
          + DvidClient.seg(to)).forEach(k -> out.add(k.asText()));
      return out;
    } catch (VolumeNotFoundException e) {
      if (missingInstance(e)) {
        return List.of();
      }
      throw e;
    }
  }

  private void checkKey(String key) {
    if (key.isEmpty() || key.contains("/")) {
      throw new NdioException(url + ": metadata key '" + key + "' cannot be used: DVID keys"
          + " travel in the URL path, so they must be non-empty and free of '/'");
    }
  }

  @Override
  public void putMetadata(String key, String value) {
    checkKey(key);
    Request r = Request.post(client.uri(metaPath() + "/key/" + DvidClient.seg(key)),
        Map.of("Content-Type", "application/octet-stream"),
        value.getBytes(StandardCharsets.UTF_8), true);
    try {
      client.send(r);
    } catch (VolumeNotFoundException e) {
      if (!missingInstance(e)) {
        throw e;
      }
      createMetaInstance();
      client.send(r);
    }
  }

  private void createMetaInstance() {
    try {
      client.createInstance(url.uuid(), DvidType.KEYVALUE, url.instance() + META_SUFFIX,
          Map.of());
    } catch (RemoteException e) {
      // Another writer may have made it first; that one serves as well.
      if (!e.serverMessage().contains("already exists")) {
        throw e;
      }
    }
  }

  @Override
  public void deleteMetadata(String key) {
    checkKey(key);
    try {
      client.send(new Request("DELETE", client.uri(metaPath() + "/key/" + DvidClient.seg(key)),
          Map.of(), null, true));
    } catch (VolumeNotFoundException e) {
      if (!missingInstance(e)) {
        throw e;
      }
    }
  }

  @Override
  public HttpTransport.Stats requestStats() {
    return client.stats();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "DvidRemote[" + url + ", " + type.typeName() + "]";
  }
}
