package org.ndio.remote.neurodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.CorruptDataException;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.RemoteException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.hdf5.Hdf5Bytes;
import org.ndio.remote.Remote;
import org.ndio.remote.http.HttpTransport;
import org.ndio.remote.http.Placement;
import org.ndio.remote.http.Secret;
import org.ndio.store.LevelView;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * One channel of a project on a NeuroData (ndstore) server, through its {@code /nd/sd/}
 * services, as the original Python ndio spoke to it.
 *
 * <p>Coordinates are the server's own: a level's voxels lie in {@code [offset, offset +
 * imagesize)} (from the project's {@code info/}), which need not start at 0. Volumes are C
 * order {@code (z, y, x)} as on the wire; ndio's Python API handed arrays back indexed
 * {@code (x, y, z)}, so ported scripts must swap their indices.
 *
 * <p>Authorisation: the user's key (ndstore's "user token") goes in an {@code Authorization:
 * Token KEY} header on every request; without one, ndstore serves public projects only. The
 * project token in the URL is a name and appears in messages; the key never does.
 *
 * <p>What ndstore offers and what is computed here:
 * <ul>
 *   <li>cutouts: {@code GET}/{@code POST .../TOKEN/CHANNEL/npz|hdf5/RES/X0,X1/Y0,Y1/Z0,Z1/}
 *       ({@code raw} GET too), split into pieces of whole cubes sent concurrently. As on
 *       ndstore, a post overwrites only where the posted voxels are non-zero: zeros keep what
 *       is stored.
 *   <li>{@link #labelAt}: the {@code id/RES/X/Y/Z/} service.
 *   <li>{@link #ids}: the {@code ids/RES/X0,X1/Y0,Y1/Z0,Z1/} service, per piece, merged here.
 *   <li>{@link #boundingBox}: ndstore answers bounding boxes only for RAMON objects, so it is
 *       computed here: the {@code ids/} service finds the pieces holding the label, whose
 *       cutouts are then scanned.
 *   <li>{@link #reserveIds}: {@code POST reserve/N/} (ndio 1.x sent GET, which ndstore has
 *       refused since late 2016).
 *   <li>{@link #propagate()} / {@link #propagateStatus()}: {@code setPropagate/1/} and {@code
 *       getPropagate/}.
 *   <li>{@link #ramon()}: RAMON objects through ndstore's object services (see {@link
 *       NeuroDataRamon}).
 *   <li>{@link #metadata()}: ndstore keeps no key-value metadata per channel; this gives the
 *       channel's and dataset's {@code info/} fields, read-only. {@link #putMetadata} and
 *       {@link #deleteMetadata} are refused.
 * </ul>
 */
public final class NeuroDataRemote implements Remote {

  /** The environment variable holding the user's key. */
  public static final String TOKEN_VARIABLE = "NDIO_NEURODATA_TOKEN";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NeuroDataUrl url;
  private final NeuroDataOptions options;
  private final HttpTransport http;
  private final ProjectInfo project;
  private final ChannelInfo channel;

  /**
   * Opens the channel: reads the project's {@code info/} (a missing project or channel fails
   * here, typed).
   *
   * @param key the user's key; empty for anonymous access to public projects
   */
  public NeuroDataRemote(NeuroDataUrl url, Optional<Secret> key, NeuroDataOptions options) {
    this.url = url;
    this.options = options;
    this.http = new HttpTransport("neurodata", key, "Token", options.retry(),
        options.concurrency(), options.timeout(), new NeuroDataErrors(), options.verifyTls());
    try {
      this.project = fetchInfo(http, url);
      this.channel = project.channels().get(url.channel());
      if (channel == null) {
        throw new VolumeNotFoundException(url + ": project '" + url.token()
            + "' has no channel '" + url.channel() + "' (channels: "
            + (project.channels().isEmpty() ? "none"
                : String.join(", ", new TreeSet<>(project.channels().keySet()))) + ")");
      }
      channel.dtype(); // an unknown type fails now, not at the first cutout
      if (!project.dataset().hasLevel(channel.resolution())) {
        throw new CorruptDataException(url + ": channel '" + channel.name() + "' is at level "
            + channel.resolution() + ", which the dataset does not describe");
      }
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  /** Opens {@code url} with the key in {@value #TOKEN_VARIABLE}, if set. */
  public static NeuroDataRemote open(String url) {
    return new NeuroDataRemote(NeuroDataUrl.parse(url), Secret.fromEnvironment(TOKEN_VARIABLE),
        NeuroDataOptions.DEFAULT);
  }

  static ProjectInfo fetchInfo(HttpTransport http, NeuroDataUrl url) {
    HttpTransport.Request r = HttpTransport.Request.get(url.service(url.token() + "/info/"),
        Map.of());
    return http.send(r, resp -> ProjectInfo.parse(resp.body(), http.describe(r)));
  }

  public NeuroDataUrl url() {
    return url;
  }

  /** The project's {@code info/} as read when this remote was opened. */
  public ProjectInfo projectInfo() {
    return project;
  }

  public ChannelInfo channelInfo() {
    return channel;
  }

  /**
   * The channel at its own level: type, extent in the server's coordinates (offset included),
   * the server's cube as chunk shape, and the voxel size in nanometres.
   */
  @Override
  public VolumeInfo info() {
    int r = channel.resolution();
    DatasetInfo d = project.dataset();
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("token", url.token());
    attrs.put("channel", channel.name());
    attrs.put("channel_type", channel.channelType());
    attrs.put("project", project.projectName());
    attrs.put("dataset", d.name());
    attrs.put("scalinglevels", d.scalingLevels());
    attrs.put("propagate", channel.propagate());
    attrs.put("readonly", channel.readonly());
    return new VolumeInfo(channel.dtype(), d.extent(r), d.cube(r), d.voxelSize(r),
        options.format().service(), attrs);
  }

  @Override
  public int levelCount() {
    return project.dataset().levels().size();
  }

  /** The channel at another of the dataset's levels (built by {@link #propagate()}). */
  @Override
  public VolumeReader level(int level) {
    if (level == channel.resolution()) {
      return this;
    }
    DatasetInfo d = project.dataset();
    if (!d.hasLevel(level)) {
      throw new BoxOutOfBoundsException(url + ": the dataset has no resolution level " + level
          + " (levels " + d.levels() + ")");
    }
    VolumeInfo base = info();
    return new LevelView(this, new VolumeInfo(base.dtype(), d.extent(level), d.cube(level),
        d.voxelSize(level), base.compressor(), base.attributes()));
  }

  @Override
  public Volume getCutout(BoundingBox box) {
    requireInside(box);
    Size3 piece = CutoutPieces.pieceShape(cube(box), box, channel.dtype().bytes(),
        options.pieceBytes());
    List<BoundingBox> pieces = CutoutPieces.split(box, origin(box), cube(box), piece);
    if (pieces.size() == 1 && options.format() == WireFormat.HDF5) {
      return fetch(box);
    }
    Volume out = Volume.allocate(channel.dtype(), box);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : pieces) {
      tasks.add(() -> {
        fetchInto(new Placement(out, box, p));
        return null;
      });
    }
    http.parallel(tasks);
    return out;
  }

  /**
   * Reads one piece into its place in the assembled volume. {@code npz} and {@code raw}
   * answers are decoded as they arrive, straight into the target's rows (inflating overlaps
   * the rest of the transfer, and no array per piece is made); {@code hdf5} ones are decoded
   * whole, then copied.
   */
  private void fetchInto(Placement at) {
    WireFormat f = options.format();
    BoundingBox p = at.piece();
    if (f == WireFormat.HDF5) {
      at.target().copyFrom(fetch(p), (int) (p.x0() - at.whole().x0()),
          (int) (p.y0() - at.whole().y0()), (int) (p.z0() - at.whole().z0()));
      return;
    }
    HttpTransport.Request r = HttpTransport.Request.get(cutoutUri(f.service(), p), Map.of());
    String where = http.describe(r);
    try {
      http.receive(r, (head, in) -> f == WireFormat.NPZ ? NpzSink.decode(in, at, where)
          : at.fillFrom(in, where + ": raw body"));
    } catch (VolumeNotFoundException e) {
      String m = e.getMessage();
      int i = m.indexOf(": 404 ");
      throw new RemoteException(m, 404, i < 0 ? m : m.substring(i + 6));
    }
  }

  private Volume fetch(BoundingBox b) {
    WireFormat f = options.format();
    HttpTransport.Request r = HttpTransport.Request.get(cutoutUri(f.service(), b), Map.of());
    return call(r, resp -> decode(f, resp.body(), b, http.describe(r)));
  }

  private Volume decode(WireFormat f, byte[] body, BoundingBox b, String where) {
    DataType t = channel.dtype();
    Volume v = switch (f) {
      case NPZ -> NpzBody.decode(body, where).volume(where);
      case HDF5 -> {
        try (Hdf5Bytes h = Hdf5Bytes.open(body, where)) {
          yield h.volume("/" + channel.name() + "/CUTOUT");
        } catch (VolumeNotFoundException e) {
          throw new CorruptDataException(e.getMessage(), e);
        }
      }
      case RAW -> {
        long expected = b.voxels() * t.bytes();
        if (body.length != expected) {
          throw new CorruptDataException(where + ": raw body has " + body.length
              + " bytes, " + expected + " expected");
        }
        yield Volume.wrap(t, (int) b.sizeX(), (int) b.sizeY(), (int) b.sizeZ(), body);
      }
    };
    if (v.dtype() != t || v.sizeX() != b.sizeX() || v.sizeY() != b.sizeY()
        || v.sizeZ() != b.sizeZ()) {
      throw new CorruptDataException(where + ": the server sent " + v + " for a "
          + t.numpyName() + " cutout of " + b.sizeX() + "x" + b.sizeY() + "x" + b.sizeZ());
    }
    return v;
  }

  /**
   * Writes {@code data} at {@code (x, y, z)} of level {@code resolution}, split into pieces
   * along the cube grid and posted concurrently. As on ndstore, only non-zero voxels of the
   * data replace what is stored; zero voxels leave it unchanged. Voxels outside the box never
   * change.
   */
  @Override
  public void postCutout(long x, long y, long z, int resolution, Volume data) {
    if (data.dtype() != channel.dtype()) {
      throw new DataTypeException(url + ": cannot post " + data.dtype().numpyName()
          + " voxels to the " + channel.datatype() + " channel '" + channel.name() + "'");
    }
    BoundingBox box = new BoundingBox(x, x + data.sizeX(), y, y + data.sizeY(), z,
        z + data.sizeZ(), resolution);
    requireInside(box);
    if (channel.isReadOnly()) {
      throw new UnsupportedFeatureException(url + ": channel '" + channel.name()
          + "' is read-only on the server");
    }
    Size3 piece = CutoutPieces.pieceShape(cube(box), box, channel.dtype().bytes(),
        options.pieceBytes());
    List<BoundingBox> pieces = CutoutPieces.split(box, origin(box), cube(box), piece);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (BoundingBox p : pieces) {
      tasks.add(() -> {
        Volume part = pieces.size() == 1 ? data : data.view((int) (p.x0() - x),
            (int) (p.y0() - y), (int) (p.z0() - z), (int) p.sizeX(), (int) p.sizeY(),
            (int) p.sizeZ());
        post(p, part);
        return null;
      });
    }
    http.parallel(tasks);
  }

  private void post(BoundingBox b, Volume part) {
    WireFormat f = options.format() == WireFormat.HDF5 ? WireFormat.HDF5 : WireFormat.NPZ;
    byte[] body = f == WireFormat.HDF5
        ? Hdf5Bytes.write(hdf5Fields(part), 1, url.toString())
        : NpzBody.encode(part, options.zlibLevel());
    // Re-posting the same voxels stores the same result, so a failed post may be retried.
    call(HttpTransport.Request.post(cutoutUri(f.service(), b),
        Map.of("Content-Type", "application/octet-stream"), body, true), resp -> resp);
  }

  private Map<String, Object> hdf5Fields(Volume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("/" + channel.name() + "/CUTOUT", v);
    m.put("/" + channel.name() + "/CHANNELTYPE", channel.channelType());
    m.put("/" + channel.name() + "/DATATYPE", channel.datatype());
    return m;
  }

  /** Posts at the channel's own level. */
  public void postCutout(long x, long y, long z, Volume data) {
    postCutout(x, y, z, channel.resolution(), data);
  }

  @Override
  public long labelAt(long x, long y, long z, int resolution) {
    requireInside(new BoundingBox(x, x + 1, y, y + 1, z, z + 1, resolution));
    HttpTransport.Request r = HttpTransport.Request.get(service("id/" + resolution + "/" + x
        + "/" + y + "/" + z + "/"), Map.of());
    return call(r, resp -> parseId(resp.text().strip(), http.describe(r)));
  }

  private static long parseId(String s, String where) {
    // ndstore prints numpy scalars; Python 2 marks longs with L.
    String t = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
    try {
      return Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      throw new CorruptDataException(where + ": '" + abbreviate(s) + "' is not a label");
    }
  }

  @Override
  public long[] ids(BoundingBox box) {
    requireInside(box);
    TreeSet<Long> all = new TreeSet<>(Long::compareUnsigned);
    for (long[] found : idsByPiece(box, pieces(box))) {
      for (long id : found) {
        all.add(id);
      }
    }
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  private List<BoundingBox> pieces(BoundingBox box) {
    Size3 piece = CutoutPieces.pieceShape(cube(box), box, channel.dtype().bytes(),
        options.pieceBytes());
    return CutoutPieces.split(box, origin(box), cube(box), piece);
  }

  private List<long[]> idsByPiece(BoundingBox box, List<BoundingBox> pieces) {
    List<Callable<long[]>> tasks = new ArrayList<>();
    for (BoundingBox p : pieces) {
      tasks.add(() -> {
        HttpTransport.Request r = HttpTransport.Request.get(cutoutUri("ids", p), Map.of());
        return call(r, resp -> parseIds(resp.text(), http.describe(r)));
      });
    }
    return http.parallel(tasks);
  }

  /** ndstore's list: ids joined by {@code ", "}, 0 left out (leading zeros and commas cut). */
  private static long[] parseIds(String text, String where) {
    List<Long> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String s = part.strip();
      if (!s.isEmpty()) {
        long id = parseId(s, where);
        if (id != 0) {
          out.add(id);
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public Optional<BoundingBox> boundingBox(long id, int resolution) {
    if (!project.dataset().hasLevel(resolution)) {
      throw new InvalidBoxException(url + ": the dataset has no resolution level " + resolution
          + " (levels " + project.dataset().levels() + ")");
    }
    BoundingBox extent = project.dataset().extent(resolution);
    List<BoundingBox> pieces = pieces(extent);
    List<long[]> found = idsByPiece(extent, pieces);
    List<Callable<long[]>> scans = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      BoundingBox p = pieces.get(i);
      if (Arrays.stream(found.get(i)).anyMatch(v -> v == id)) {
        scans.add(() -> scan(fetch(p), p, id));
      }
    }
    long[] bb = null;
    for (long[] b : http.parallel(scans)) {
      if (b == null) {
        continue;
      }
      bb = bb == null ? b : new long[] {Math.min(bb[0], b[0]), Math.max(bb[1], b[1]),
          Math.min(bb[2], b[2]), Math.max(bb[3], b[3]), Math.min(bb[4], b[4]),
          Math.max(bb[5], b[5])};
    }
    return bb == null ? Optional.empty() : Optional.of(new BoundingBox(bb[0], bb[1], bb[2],
        bb[3], bb[4], bb[5], resolution));
  }

  /** {x0, x1, y0, y1, z0, z1} of the voxels of {@code id} in {@code v} (at {@code at}). */
  private static long[] scan(Volume v, BoundingBox at, long id) {
    long[] b = null;
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          if (v.getLong(x, y, z) == id) {
            long ax = at.x0() + x, ay = at.y0() + y, az = at.z0() + z;
            if (b == null) {
              b = new long[] {ax, ax + 1, ay, ay + 1, az, az + 1};
            } else {
              b[0] = Math.min(b[0], ax);
              b[1] = Math.max(b[1], ax + 1);
              b[2] = Math.min(b[2], ay);
              b[3] = Math.max(b[3], ay + 1);
              b[4] = Math.min(b[4], az);
              b[5] = Math.max(b[5], az + 1);
            }
          }
        }
      }
    }
    return b;
  }

  @Override
  public IdRange reserveIds(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("reserve at least one id, not " + count);
    }
    if (!channel.isAnnotation()) {
      throw new UnsupportedFeatureException(url + ": ids are reserved in annotation channels;"
          + " '" + channel.name() + "' is an " + channel.channelType() + " channel");
    }
    // Sent again after a lost answer: the server may then have reserved a range nobody uses,
    // which wastes ids but never hands one id out twice.
    HttpTransport.Request r = HttpTransport.Request.post(service("reserve/" + count + "/"),
        Map.of(), new byte[0], true);
    JsonNode n = call(r, resp -> json(resp.body(), http.describe(r)));
    if (!n.isArray() || n.size() != 2 || !n.get(0).canConvertToLong()
        || !n.get(1).canConvertToLong()) {
      throw new CorruptDataException(http.describe(r) + ": expected [first_id, count], got "
          + abbreviate(n.toString()));
    }
    return new IdRange(n.get(0).asLong(), n.get(1).asLong());
  }

  /**
   * The channel's fields from {@code info/} (type, datatype, resolution, readonly, propagate,
   * exceptions, description, window and time range) and the project's, read-only. ndstore
   * keeps no other metadata per channel.
   */
  @Override
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("channel_type", channel.channelType());
    m.put("datatype", channel.datatype());
    m.put("resolution", String.valueOf(channel.resolution()));
    m.put("readonly", String.valueOf(channel.readonly()));
    m.put("propagate", String.valueOf(channel.propagate()));
    m.put("exceptions", String.valueOf(channel.exceptions()));
    m.put("description", channel.description());
    m.put("windowrange", channel.windowRange().toString());
    m.put("timerange", channel.timeRange().toString());
    m.put("project", project.projectName());
    m.put("dataset", project.dataset().name());
    project.metadata().forEach((k, v) -> m.putIfAbsent("lims." + k, String.valueOf(v)));
    return m;
  }

  @Override
  public void putMetadata(String key, String value) {
    throw noMetadata();
  }

  @Override
  public void deleteMetadata(String key) {
    throw noMetadata();
  }

  private UnsupportedFeatureException noMetadata() {
    return new UnsupportedFeatureException(url + ": NeuroData (ndstore) keeps no key-value"
        + " metadata per channel; metadata() gives the channel's info fields, read-only");
  }

  /**
   * Asks the server to build the lower resolution levels from the channel's own level
   * ({@code setPropagate/1/}); does nothing if they are built or being built (as ndio did).
   */
  public void propagate() {
    if (propagateStatus() != PropagateStatus.NOT_PROPAGATED) {
      return;
    }
    call(HttpTransport.Request.get(service("setPropagate/1/"), Map.of()), resp -> resp);
  }

  /** {@code getPropagate/}: whether the lower levels are built. */
  public PropagateStatus propagateStatus() {
    HttpTransport.Request r = HttpTransport.Request.get(service("getPropagate/"), Map.of());
    String where = http.describe(r);
    return call(r, resp -> {
      try {
        return PropagateStatus.of(Integer.parseInt(resp.text().strip()), where);
      } catch (NumberFormatException e) {
        throw new CorruptDataException(where + ": '" + abbreviate(resp.text())
            + "' is not a propagate state");
      }
    });
  }

  /** Polls {@link #propagateStatus()} until the levels are built or {@code timeout} passes. */
  public PropagateStatus awaitPropagated(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    PropagateStatus s = propagateStatus();
    while (s == PropagateStatus.UNDER_PROPAGATION && System.nanoTime() < end) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteException(url + ": interrupted while waiting for propagation", e);
      }
      s = propagateStatus();
    }
    return s;
  }

  /** {@code public_tokens/}: the tokens of the server's public projects. */
  public List<String> publicTokens() {
    HttpTransport.Request r = HttpTransport.Request.get(url.service("public_tokens/"), Map.of());
    JsonNode n = http.send(r, resp -> json(resp.body(), http.describe(r)));
    List<String> out = new ArrayList<>();
    if (!n.isArray()) {
      throw new CorruptDataException(http.describe(r) + ": expected a list of tokens");
    }
    n.forEach(t -> out.add(t.asText()));
    return out;
  }

  /**
   * The channel's RAMON objects through ndstore's own services, {@value
   * NeuroDataRamon#DEFAULT_BATCH} ids per request.
   */
  @Override
  public NeuroDataRamon ramon() {
    return new NeuroDataRamon(this, NeuroDataRamon.DEFAULT_BATCH);
  }

  /** The RAMON objects with at most {@code batchSize} ids or objects per request. */
  public NeuroDataRamon ramon(int batchSize) {
    return new NeuroDataRamon(this, batchSize);
  }

  NeuroDataOptions options() {
    return options;
  }

  HttpTransport transport() {
    return http;
  }

  /** Sends a request about the channel (a 404 is the server's refusal, see {@link #call}). */
  <T> T send(HttpTransport.Request r, Function<HttpTransport.Response, T> decode) {
    return call(r, decode);
  }

  /** {@code base/TOKEN/CHANNEL/rest}. */
  URI channelService(String rest) {
    return service(rest);
  }

  @Override
  public HttpTransport.Stats requestStats() {
    return http.stats();
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "NeuroDataRemote[" + url + "]";
  }

  /**
   * Sends a request about the channel. ndstore answers every failure of its services with 404
   * and its message, so a 404 here is the server's refusal, not a missing volume (the project
   * and channel were found when this remote was opened).
   */
  private <T> T call(HttpTransport.Request r, Function<HttpTransport.Response, T> decode) {
    try {
      return http.send(r, decode);
    } catch (VolumeNotFoundException e) {
      String m = e.getMessage();
      int at = m.indexOf(": 404 ");
      throw new RemoteException(m, 404, at < 0 ? m : m.substring(at + 6));
    }
  }

  private void requireInside(BoundingBox box) {
    int r = box.resolution();
    if (!project.dataset().hasLevel(r)) {
      throw new InvalidBoxException(url + ": the dataset has no resolution level " + r
          + " (levels " + project.dataset().levels() + ")");
    }
    BoundingBox extent = project.dataset().extent(r);
    if (!extent.contains(box)) {
      throw new BoxOutOfBoundsException("box " + box + " at level " + r + " is outside " + url
          + " (extent " + extent + " at level " + r + ")");
    }
  }

  private Size3 cube(BoundingBox box) {
    return project.dataset().cube(box.resolution());
  }

  private long[] origin(BoundingBox box) {
    List<Long> o = project.dataset().offset().get(box.resolution());
    return new long[] {o.get(0), o.get(1), o.get(2)};
  }

  private URI service(String rest) {
    return url.service(url.token() + "/" + url.channel() + "/" + rest);
  }

  private URI cutoutUri(String service, BoundingBox b) {
    return service(service + "/" + b.resolution() + "/" + b.x0() + "," + b.x1() + "/" + b.y0()
        + "," + b.y1() + "/" + b.z0() + "," + b.z1() + "/");
  }

  private static JsonNode json(byte[] body, String where) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null) {
        throw new CorruptDataException(where + ": empty answer where JSON was expected");
      }
      return n;
    } catch (IOException e) {
      throw new CorruptDataException(where + ": answer is not JSON: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() <= 80 ? t : t.substring(0, 77) + "...";
  }
}
