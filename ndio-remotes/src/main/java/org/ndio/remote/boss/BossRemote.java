package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.RemoteException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.codec.Blosc;
import org.ndio.codec.BloscCompressor;
import org.ndio.codec.BloscFrameInfo;
import org.ndio.codec.BloscShuffle;
import org.ndio.remote.Remote;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.Secret;
import org.ndio.store.LevelView;
import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * One BOSS channel, {@code boss://HOST/COLLECTION/EXPERIMENT/CHANNEL}: cutouts in and out
 * ({@code /v1/cutout/}, c-blosc bodies of C-order little-endian arrays), object ids ({@code
 * /v1/ids/}, {@code /v1/boundingbox/}, {@code /v1/reserve/}) and key-value metadata ({@code
 * /v1/meta/}), with the token sent as {@code Authorization: Token KEY}.
 *
 * <p>Boxes are checked against the channel's extent at their resolution level before any
 * request ({@link BossLevels}). Cutouts larger than {@link BossOptions#maxRequestBytes()} go as
 * pieces along the 512 x 512 x 16 cuboid grid, {@link BossOptions#concurrency()} at a time,
 * each retried on failure, and are reassembled. Answers are decoded whatever blosc typesize
 * their frame declares (the service compresses with the element size in bits).
 *
 * <p>Like the service, a posted cutout sets the voxels of its box that are non-zero in the data
 * and leaves the others as they were (the BOSS merges uploads into its cuboids that way); zeros
 * never erase.
 */
public final class BossRemote implements Remote {

  /** The environment variable the token is read from when none is given. */
  public static final String TOKEN_VARIABLE = "NDIO_BOSS_TOKEN";

  private static final Map<String, String> ACCEPT_BLOSC = Map.of("Accept", "application/blosc");
  private static final Map<String, String> POST_BLOSC =
      Map.of("Content-Type", "application/blosc", "Accept", "application/json");
  private static final Map<String, String> JSON = Map.of("Accept", "application/json");
  private static final Blosc UPLOAD_CODEC =
      new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BYTE, 0);

  private final BossUrl url;
  private final BossOptions options;
  private final HttpTransport transport;
  private final BossProject project;
  private final BossChannel channel;
  private final BossExperiment experiment;
  private final BossCoordFrame frame;
  private final BossLevels levels;
  private final DataType dtype;
  private final LongAdder pieces = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder decodeNanos = new LongAdder();

  private BossRemote(BossUrl url, BossOptions options, HttpTransport transport,
      BossProject project, BossChannel channel, BossExperiment experiment,
      BossCoordFrame frame) {
    this.url = url;
    this.options = options;
    this.transport = transport;
    this.project = project;
    this.channel = channel;
    this.experiment = experiment;
    this.frame = frame;
    this.levels = BossLevels.of(frame, experiment, channel);
    this.dtype = dataType(channel, url);
  }

  /** Opens the channel a URL names, with the token from {@code NDIO_BOSS_TOKEN} if set. */
  public static BossRemote open(String url) {
    return open(BossUrl.parse(url), Secret.fromEnvironment(TOKEN_VARIABLE), BossOptions.DEFAULT);
  }

  /**
   * Opens a channel: reads its description, its experiment and its coordinate frame.
   *
   * @throws VolumeNotFoundException if the channel or a parent does not exist
   * @throws org.ndio.AccessDeniedException for a wrong or missing token
   */
  public static BossRemote open(BossUrl url, Optional<Secret> token, BossOptions options) {
    url.requireChannel();
    HttpTransport t = transport(token, options);
    try {
      BossProject p = new BossProject(url.api(), t, false);
      BossChannel ch;
      try {
        ch = p.channel(url.collection(), url.experiment(), url.channel());
      } catch (VolumeNotFoundException e) {
        throw new VolumeNotFoundException(url + ": no such channel (" + e.getMessage() + ")", e);
      }
      BossExperiment e = p.experiment(url.collection(), url.experiment());
      BossCoordFrame f = p.coordinateFrame(e.coordFrame());
      return new BossRemote(url, options, t, p, ch, e, f);
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  static HttpTransport transport(Optional<Secret> token, BossOptions options) {
    return new HttpTransport("boss", token, "Token", options.retryPolicy(),
        options.concurrency(), options.timeout(), new BossErrors(), options.verifyTls());
  }

  private static DataType dataType(BossChannel ch, BossUrl url) {
    DataType t;
    try {
      t = ch.dataType();
    } catch (DataTypeException e) {
      throw new UnsupportedFeatureException(url + ": channel datatype '" + ch.datatype()
          + "' is not one ndio knows", e);
    }
    if (t != DataType.UINT8 && t != DataType.UINT16 && t != DataType.UINT64) {
      throw new UnsupportedFeatureException(url + ": the BOSS cutout service serves uint8,"
          + " uint16 and uint64 channels; this one is " + ch.datatype());
    }
    return t;
  }

  public BossUrl url() {
    return url;
  }

  public BossChannel channel() {
    return channel;
  }

  public BossExperiment experiment() {
    return experiment;
  }

  public BossCoordFrame coordinateFrame() {
    return frame;
  }

  public BossLevels levels() {
    return levels;
  }

  /** The project service of the same host, sharing this remote's connection and token. */
  public BossProject project() {
    return project;
  }

  /**
   * The channel at its base resolution level: data type, the coordinate frame's extent, the
   * 512 x 512 x 16 cuboid as chunk shape, the frame's voxel size; attributes name the channel's
   * place, type and hierarchy.
   */
  @Override
  public VolumeInfo info() {
    int base = channel.baseResolution();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("collection", url.collection());
    a.put("experiment", url.experiment());
    a.put("channel", url.channel());
    a.put("type", channel.type());
    a.put("coord_frame", frame.name());
    a.put("num_hierarchy_levels", experiment.numHierarchyLevels());
    a.put("hierarchy_method", experiment.hierarchyMethod());
    a.put("base_resolution", base);
    a.put("downsample_status", channel.downsampleStatus());
    return new VolumeInfo(dtype, levels.extent(base), CutoutPieces.CUBOID,
        Optional.of(levels.voxelSize(base)), "blosc", a);
  }

  @Override
  public int levelCount() {
    return levels.baseResolution() + levels.levels();
  }

  /** The channel at another level of its hierarchy (see {@link BossLevels}). */
  @Override
  public VolumeReader level(int level) {
    if (level == channel.baseResolution()) {
      return this;
    }
    levels.requireLevel(level, url.toString());
    VolumeInfo base = info();
    return new LevelView(this, new VolumeInfo(base.dtype(), levels.extent(level),
        base.chunks(), Optional.of(levels.voxelSize(level)), base.compressor(),
        base.attributes()));
  }

  /** The extent at another resolution level. */
  public BoundingBox extent(int level) {
    levels.requireLevel(level, url.toString());
    return levels.extent(level);
  }

  private void checkBox(BoundingBox box) {
    levels.requireLevel(box.resolution(), url.toString());
    levels.extent(box.resolution()).requireContains(box,
        url + " at resolution " + box.resolution());
  }

  @Override
  public Volume getCutout(BoundingBox box) {
    checkBox(box);
    Volume.byteSize(dtype, box.sizeX(), box.sizeY(), box.sizeZ());
    List<BoundingBox> parts = CutoutPieces.split(box, dtype.bytes(), options.maxRequestBytes());
    if (parts.size() == 1) {
      byte[] raw = transport.send(HttpTransport.Request.get(cutoutUri(box), ACCEPT_BLOSC),
          r -> decode(r, box, null, 0));
      return Volume.wrap(dtype, (int) box.sizeX(), (int) box.sizeY(), (int) box.sizeZ(), raw);
    }
    Volume out = Volume.allocate(dtype, box);
    byte[] target = out.array();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : parts) {
      tasks.add(() -> {
        fetchInto(box, p, out, target);
        return null;
      });
    }
    transport.parallel(tasks);
    return out;
  }

  private void fetchInto(BoundingBox box, BoundingBox p, Volume out, byte[] target) {
    HttpTransport.Request r = HttpTransport.Request.get(cutoutUri(p), ACCEPT_BLOSC);
    if (p.sizeX() == box.sizeX() && p.sizeY() == box.sizeY()) {
      // A slab of whole sections is contiguous in the result: decode straight into it.
      long at = (p.z0() - box.z0()) * box.sizeX() * box.sizeY() * dtype.bytes();
      transport.send(r, a -> decode(a, p, target, (int) at));
      return;
    }
    byte[] raw = transport.send(r, a -> decode(a, p, null, 0));
    out.copyFrom(Volume.wrap(dtype, (int) p.sizeX(), (int) p.sizeY(), (int) p.sizeZ(), raw),
        (int) (p.x0() - box.x0()), (int) (p.y0() - box.y0()), (int) (p.z0() - box.z0()));
  }

  /**
   * Decodes one cutout answer of {@code box}, into {@code target} at {@code offset} if given,
   * else into a new array. A frame of the wrong size is corrupt (and so retried).
   */
  private byte[] decode(HttpTransport.Response r, BoundingBox box, byte[] target, int offset) {
    long t0 = System.nanoTime();
    long expected = box.voxels() * dtype.bytes();
    BloscFrameInfo f;
    try {
      f = Blosc.frameInfo(r.body());
    } catch (CorruptDataException e) {
      throw new CorruptDataException("cutout " + box + ": " + e.getMessage(), e);
    }
    if (f.nbytes() != expected) {
      throw new CorruptDataException("cutout " + box + " decodes to " + f.nbytes()
          + " bytes, " + expected + " expected for " + dtype.numpyName());
    }
    byte[] out = target == null ? new byte[(int) expected] : target;
    Blosc.decodeInto(r.body(), out, target == null ? 0 : offset);
    pieces.increment();
    bytesIn.add(r.body().length);
    decodeNanos.add(System.nanoTime() - t0);
    return out;
  }

  private URI cutoutUri(BoundingBox b) {
    return url.api().resolve("cutout/" + url.channelPath() + "/" + b.resolution() + "/"
        + b.x0() + ":" + b.x1() + "/" + b.y0() + ":" + b.y1() + "/" + b.z0() + ":" + b.z1()
        + "/");
  }

  /**
   * Posts {@code data} with its voxel (0, 0, 0) at {@code (x, y, z)} of level {@code resolution}
   * (201 per piece). The non-zero voxels of the data are set; zeros leave the channel as it was,
   * as on the service.
   *
   * @throws DataTypeException if the data type is not the channel's
   * @throws org.ndio.BoxOutOfBoundsException if the box is outside the extent at that level
   */
  @Override
  public void postCutout(long x, long y, long z, int resolution, Volume data) {
    if (data.dtype() != dtype) {
      throw new DataTypeException("cannot post " + data.dtype().numpyName() + " voxels to the "
          + dtype.numpyName() + " " + channel.type() + " channel " + url);
    }
    BoundingBox box = new BoundingBox(x, x + data.sizeX(), y, y + data.sizeY(), z,
        z + data.sizeZ(), resolution);
    checkBox(box);
    List<BoundingBox> parts = CutoutPieces.split(box, dtype.bytes(), options.maxRequestBytes());
    if (parts.size() == 1) {
      post(box, data);
      return;
    }
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : parts) {
      tasks.add(() -> {
        post(p, data.view((int) (p.x0() - x), (int) (p.y0() - y), (int) (p.z0() - z),
            (int) p.sizeX(), (int) p.sizeY(), (int) p.sizeZ()));
        return null;
      });
    }
    transport.parallel(tasks);
  }

  private void post(BoundingBox p, Volume piece) {
    int typeSize = options.typesizeInBits() ? 8 * dtype.bytes() : dtype.bytes();
    byte[] frame = UPLOAD_CODEC.encode(piece.array(), typeSize);
    // Rewriting the same voxels is harmless, so a failed post may be sent again.
    transport.send(HttpTransport.Request.post(cutoutUri(p), POST_BLOSC, frame, true));
  }

  @Override
  public long labelAt(long x, long y, long z, int resolution) {
    return getCutout(new BoundingBox(x, x + 1, y, y + 1, z, z + 1, resolution)).getLong(0, 0, 0);
  }

  private void requireAnnotation(String what) {
    if (!channel.isAnnotation()) {
      throw new UnsupportedFeatureException(url + ": " + what + " needs an annotation channel;"
          + " this one is of type " + channel.type());
    }
  }

  /** The distinct non-zero ids in {@code box} ({@code GET /v1/ids/...}), ascending unsigned. */
  @Override
  public long[] ids(BoundingBox box) {
    requireAnnotation("ids");
    checkBox(box);
    URI uri = url.api().resolve("ids/" + url.channelPath() + "/" + box.resolution() + "/"
        + box.x0() + ":" + box.x1() + "/" + box.y0() + ":" + box.y1() + "/" + box.z0() + ":"
        + box.z1() + "/");
    List<String> ids = getJson(uri, n -> BossJson.strings(n, "ids", "BOSS ids"));
    long[] out = new long[ids.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Long.parseUnsignedLong(ids.get(i).trim());
      } catch (NumberFormatException e) {
        throw new CorruptDataException(url + ": id '" + ids.get(i) + "' is not a uint64");
      }
    }
    // Unsigned order: ids above 2^63 sort last, as numpy sorts uint64.
    return Arrays.stream(out).boxed().sorted(Long::compareUnsigned)
        .mapToLong(Long::longValue).toArray();
  }

  /** The tight bounding box of object {@code id} ({@code ?type=tight}), empty if it has none. */
  @Override
  public Optional<BoundingBox> boundingBox(long id, int resolution) {
    return boundingBox(id, resolution, false);
  }

  /**
   * The bounding box of object {@code id}: tight (the exact extent of its voxels) or loose
   * (whole cuboids, as the service's index keeps it).
   */
  public Optional<BoundingBox> boundingBox(long id, int resolution, boolean loose) {
    requireAnnotation("boundingBox");
    levels.requireLevel(resolution, url.toString());
    URI uri = url.api().resolve("boundingbox/" + url.channelPath() + "/" + resolution + "/"
        + Long.toUnsignedString(id) + "/?type=" + (loose ? "loose" : "tight"));
    try {
      return Optional.of(getJson(uri, n -> new BoundingBox(
          range(n, "x_range", 0), range(n, "x_range", 1), range(n, "y_range", 0),
          range(n, "y_range", 1), range(n, "z_range", 0), range(n, "z_range", 1), resolution)));
    } catch (VolumeNotFoundException e) {
      if (BossErrors.code(e).orElse(-1) == 4004) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static long range(JsonNode n, String field, int i) {
    JsonNode r = BossJson.field(n, field, "BOSS bounding box");
    if (!r.isArray() || r.size() != 2) {
      throw new CorruptDataException("BOSS bounding box: '" + field + "' is not [start, stop]");
    }
    return r.get(i).asLong();
  }

  /** Reserves {@code count} ids ({@code GET /v1/reserve/...}); none is handed out twice. */
  @Override
  public IdRange reserveIds(long count) {
    requireAnnotation("reserveIds");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    URI uri = url.api().resolve("reserve/" + url.channelPath() + "/" + count + "/");
    // A retried reservation may waste the ids of a lost answer, never give them twice.
    return getJson(uri, n -> new IdRange(Long.parseUnsignedLong(BossJson.text(n, "start_id",
        "BOSS reserve")), BossJson.integer(n, "count", "BOSS reserve")));
  }

  private <T> T getJson(URI uri, Function<JsonNode, T> parse) {
    HttpTransport.Request r = HttpTransport.Request.get(uri, JSON);
    return transport.send(r, a -> parse.apply(BossJson.object(a.body(), transport.describe(r))));
  }

  private URI metaUri(String key, String value) {
    StringBuilder b = new StringBuilder("meta/").append(url.channelPath()).append('/');
    if (key != null) {
      b.append("?key=").append(URLEncoder.encode(key, StandardCharsets.UTF_8));
      if (value != null) {
        b.append("&value=").append(URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return url.api().resolve(b.toString());
  }

  private List<String> metadataKeys() {
    return getJson(metaUri(null, null), n -> BossJson.strings(n, "keys", "BOSS metadata"));
  }

  /** Every key and value ({@code GET /v1/meta/...}, then one request per key). */
  @Override
  public Map<String, String> metadata() {
    List<String> keys = metadataKeys();
    List<Callable<String>> reads = new ArrayList<>();
    for (String k : keys) {
      reads.add(() -> getJson(metaUri(k, null), n -> BossJson.text(n, "value", "BOSS metadata")));
    }
    List<String> values = transport.parallel(reads);
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), values.get(i));
    }
    return out;
  }

  /** One key's value: the key list, then the key ({@code GET /v1/meta/...?key=K}). */
  @Override
  public Optional<String> metadata(String key) {
    if (!metadataKeys().contains(key)) {
      return Optional.empty();
    }
    return Optional.of(getJson(metaUri(key, null),
        n -> BossJson.text(n, "value", "BOSS metadata")));
  }

  /** Sets a key: {@code POST} when new, {@code PUT} when it exists. */
  @Override
  public void putMetadata(String key, String value) {
    boolean exists = metadataKeys().contains(key);
    URI uri = metaUri(key, value);
    transport.send(exists ? new HttpTransport.Request("PUT", uri, JSON, null, true)
        : HttpTransport.Request.post(uri, JSON, null, false));
  }

  @Override
  public void deleteMetadata(String key) {
    try {
      transport.send(new HttpTransport.Request("DELETE", metaUri(key, null), JSON, null, false));
    } catch (RemoteException e) {
      // The service answers 400 for a key it does not have; absent is what was asked for.
      if (e.status() != 400 || metadataKeys().contains(key)) {
        throw e;
      }
    }
  }

  @Override
  public HttpTransport.Stats requestStats() {
    return transport.stats();
  }

  @Override
  public ReadStats stats() {
    return new ReadStats(pieces.sum(), bytesIn.sum(), 0, decodeNanos.sum());
  }

  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return url.toString();
  }
}
