package org.ndio.serve.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import org.ndio.serve.Reply;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * The endpoints of the voxel types: {@code help}, {@code info}, {@code extents} and {@code
 * raw} for all; {@code label} and {@code labels} for the label types; {@code maxlabel}, {@code
 * nextlabel}, {@code sparsevol} and {@code sparsevol-size} for labelarray and labelmap.
 *
 * <p>{@code raw} serves 3d subvolumes ({@code 0_1_2}) as little-endian octet-streams in ZYX
 * order; label types also take and give {@code compression=lz4} (one raw LZ4 block, no frame
 * or size header, as DVID's Go lz4 binding writes it) and {@code gzip}. POSTs must cover whole
 * blocks and carry exactly the voxels the size names. Only scale 0 exists here.
 */
final class VoxelEndpoints {

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

  /** DVID's {@code MaxDataRequest} (3 GB), capped by what one Java array holds. */
  private static final long MAX_REQUEST = Volume.MAX_BYTES;

  private VoxelEndpoints() {}

  static Reply handle(Target t, Map<Long, Long> maxLabelsByVersion) throws IOException {
    InstanceType type = t.instance().type();
    switch (t.keyword()) {
      case "help":
        return Reply.text(200, help(type));
      case "info":
        if (!t.method().equals("GET")) {
          throw DvidError.badRequest("info endpoint only supports GET HTTP verb");
        }
        return Reply.json(200, DvidJson.instance(t.instance(), t.repo().root(),
            t.instance().state().extents(t.chain()), maxLabelsByVersion).toString());
      case "extents":
        return extents(t);
      case "raw":
        return raw(t);
      default:
        break;
    }
    if (type.isLabel()) {
      switch (t.keyword()) {
        case "label":
          return label(t);
        case "labels":
          return labels(t);
        default:
          break;
      }
    }
    if (type.isIndexed()) {
      switch (t.keyword()) {
        case "maxlabel":
          return maxLabel(t);
        case "nextlabel":
          return nextLabel(t);
        case "sparsevol":
          return sparsevol(t);
        case "sparsevol-size":
          return sparsevolSize(t);
        default:
          break;
      }
    }
    return t.badApi();
  }

  private static String help(InstanceType type) {
    return "API for the " + type.typeName() + " datatype as served by ndio's DVID test server\n"
        + "(see github.com/janelia-flyem/dvid for the full API). Endpoints here:\n"
        + "  GET  /api/node/<UUID>/<data name>/info\n"
        + "  POST /api/node/<UUID>/<data name>/extents\n"
        + "  GET  /api/node/<UUID>/<data name>/raw/0_1_2/<size>/<offset>\n"
        + "  POST /api/node/<UUID>/<data name>/raw/0_1_2/<size>/<offset>\n"
        + (type.isLabel() ? "  GET  .../label/<coord>, GET .../labels (JSON body)\n" : "")
        + (type.isIndexed() ? "  GET  .../maxlabel, GET|POST .../nextlabel, GET|HEAD"
            + " .../sparsevol/<label>, GET .../sparsevol-size/<label>\n" : "");
  }

  private static Reply extents(Target t) throws IOException {
    if (!t.method().equals("POST")) {
      return t.badApi();
    }
    JsonNode n = readJson(t.call().body());
    long[] min = point(n.path("MinPoint"), "MinPoint");
    long[] max = point(n.path("MaxPoint"), "MaxPoint");
    t.instance().state().set(t.node(), min, max);
    return Reply.empty(200);
  }

  private static long[] point(JsonNode p, String field) {
    if (!p.isArray() || p.size() != 3 || !p.get(0).canConvertToLong()
        || !p.get(1).canConvertToLong() || !p.get(2).canConvertToLong()) {
      throw DvidError.badRequest("json: cannot unmarshal " + p + " into field " + field
          + " of type dvid.Point3d");
    }
    return new long[] {p.get(0).asLong(), p.get(1).asLong(), p.get(2).asLong()};
  }

  /** Jackson's own words on a malformed body, without the location dump. */
  static String jsonError(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        ? j.getOriginalMessage() : String.valueOf(e.getMessage());
  }

  static JsonNode readJson(byte[] body) {
    try {
      JsonNode n = Repos.JSON.readTree(body);
      if (n == null) {
        throw DvidError.badRequest("Malformed JSON request in body: unexpected end of JSON input");
      }
      return n;
    } catch (IOException e) {
      throw DvidError.badRequest("Malformed JSON request in body: " + VoxelEndpoints.jsonError(e));
    }
  }

  private static void checkScale(Target t) {
    String s = t.call().param("scale").orElse("0");
    if (!s.equals("0")) {
      throw DvidError.badRequest("scale " + s + " is not available: ndio's DVID server keeps"
          + " scale 0 only (MaxDownresLevel 0)");
    }
  }

  private static long[] triple(String text, String what) {
    String[] p = text.split("_", -1);
    if (p.length != 3) {
      throw DvidError.badRequest("bad " + what + " \"" + text + "\": expected three integers"
          + " separated by '_'");
    }
    long[] v = new long[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Long.parseLong(p[i]);
      } catch (NumberFormatException e) {
        throw DvidError.badRequest("strconv.Atoi: parsing \"" + p[i] + "\": invalid syntax");
      }
    }
    return v;
  }

  private static Reply raw(Target t) throws IOException {
    String dims = t.part(4, "shape/size/offset");
    if (t.parts().size() < 7) {
      throw DvidError.badRequest("'" + t.keyword() + "' must be followed by shape/size/offset");
    }
    if (!dims.equals("0_1_2")) {
      throw DvidError.badRequest("ndio's DVID server serves 3d subvolumes (0_1_2) only, not '"
          + dims + "'");
    }
    checkScale(t);
    long[] size = triple(t.parts().get(5), "size");
    long[] off = triple(t.parts().get(6), "offset");
    if (size[0] <= 0 || size[1] <= 0 || size[2] <= 0) {
      throw DvidError.badRequest("Illegal geometry requested: size " + t.parts().get(5));
    }
    InstanceType type = t.instance().type();
    int bpv = type.dtype().bytes();
    long voxels = multiply(size);
    if (voxels > MAX_REQUEST / bpv) {
      throw DvidError.badRequest("Requested payload (" + (voxels < 0 ? "too many" : voxels * bpv)
          + " bytes) exceeds this DVID server's set limit (" + MAX_REQUEST + ")");
    }
    BoundingBox box = BoundingBox.at(off[0], off[1], off[2], size[0], size[1], size[2]);
    String compression = type.isLabel() ? t.call().param("compression").orElse("") : "";
    if (!compression.isEmpty() && !compression.equals("lz4") && !compression.equals("gzip")) {
      throw DvidError.badRequest("unknown compression type \"" + compression + "\"");
    }
    if (t.method().equals("GET")) {
      Volume v = t.instance().blocks().read(t.chain(), box);
      return Reply.of(200, "application/octet-stream", compress(v.array(), compression));
    }
    if (!t.method().equals("POST")) {
      return t.badApi();
    }
    byte[] data = decompress(t.call().body(), compression, voxels * bpv);
    String name = t.instance().def().name();
    if (type.isLabel()) {
      checkAligned(t, box, "cannot store labels for data \"" + name + "\" in non-block aligned"
          + " geometry");
      if (data.length != voxels * bpv) {
        throw DvidError.badRequest("expected " + voxels * bpv + " bytes for data \"" + name
            + "\" label PUT but only received " + data.length + " bytes");
      }
    } else {
      if (data.length != voxels * bpv) {
        throw DvidError.badRequest("voxels data was " + data.length + " bytes, expected "
            + voxels * bpv + " bytes for " + box);
      }
      checkAligned(t, box, "cannot store voxels in non-block aligned geometry");
    }
    if (box.x0() < 0 || box.y0() < 0 || box.z0() < 0) {
      throw DvidError.badRequest("ndio's DVID server stores voxels at non-negative coordinates"
          + " only; the POST starts at " + off[0] + "_" + off[1] + "_" + off[2]);
    }
    Volume v = Volume.wrap(type.dtype(), (int) size[0], (int) size[1], (int) size[2], data);
    t.instance().blocks().write(t.node(), t.hasAncestors(), box, v);
    t.instance().state().grow(t.chain(), box);
    if (type.isLabel()) {
      t.instance().state().noteLabels(t.node(), largest(data));
    }
    return Reply.empty(200);
  }

  private static long multiply(long[] s) {
    try {
      return Math.multiplyExact(Math.multiplyExact(s[0], s[1]), s[2]);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static void checkAligned(Target t, BoundingBox box, String message) {
    var b = t.instance().blocks().block();
    boolean aligned = Math.floorMod(box.x0(), b.x()) == 0 && Math.floorMod(box.y0(), b.y()) == 0
        && Math.floorMod(box.z0(), b.z()) == 0 && Math.floorMod(box.x1(), b.x()) == 0
        && Math.floorMod(box.y1(), b.y()) == 0 && Math.floorMod(box.z1(), b.z()) == 0;
    if (!aligned) {
      throw DvidError.badRequest(message + " (" + box.x0() + "," + box.y0() + "," + box.z0()
          + ") -> (" + (box.x1() - 1) + "," + (box.y1() - 1) + "," + (box.z1() - 1) + ")");
    }
  }

  private static long largest(byte[] labels) {
    LongBuffer v = ByteBuffer.wrap(labels).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    long max = 0;
    for (int i = 0; i < v.limit(); i++) {
      long x = v.get(i);
      if (Long.compareUnsigned(x, max) > 0) {
        max = x;
      }
    }
    return max;
  }

  static byte[] compress(byte[] raw, String compression) throws IOException {
    switch (compression) {
      case "lz4":
        return LZ4.fastCompressor().compress(raw);
      case "gzip":
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
          gz.write(raw);
        }
        return out.toByteArray();
      default:
        return raw;
    }
  }

  private static byte[] decompress(byte[] body, String compression, long expected)
      throws IOException {
    switch (compression) {
      case "lz4":
        if (body.length == 0) {
          throw DvidError.badRequest("received 0 LZ4 compressed bytes");
        }
        byte[] out = new byte[(int) expected];
        try {
          int n = LZ4.safeDecompressor().decompress(body, 0, body.length, out, 0, out.length);
          return n == out.length ? out : java.util.Arrays.copyOf(out, n);
        } catch (LZ4Exception e) {
          throw DvidError.badRequest("Malformed compression stream");
        }
      case "gzip":
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw DvidError.badRequest("gzip: " + e.getMessage());
        }
      default:
        return body;
    }
  }

  private static Reply label(Target t) {
    long[] p = triple(t.part(4, "coord"), "coordinate");
    checkScale(t);
    Volume v = t.instance().blocks().read(t.chain(), BoundingBox.at(p[0], p[1], p[2], 1, 1, 1));
    return Reply.json(200, "{\"Label\": " + Long.toUnsignedString(v.getLong(0, 0, 0)) + "}");
  }

  private static Reply labels(Target t) {
    if (!t.method().equals("GET")) {
      throw DvidError.badRequest("Batch labels query must be a GET request");
    }
    checkScale(t);
    JsonNode n;
    try {
      n = Repos.JSON.readTree(t.call().body());
    } catch (IOException e) {
      throw DvidError.badRequest("Bad labels request JSON: " + VoxelEndpoints.jsonError(e));
    }
    if (n == null || !n.isArray()) {
      throw DvidError.badRequest("Bad labels request JSON: expected a list of [x, y, z]");
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n.size(); i++) {
      long[] p = point(n.get(i), "coordinate");
      Volume v = t.instance().blocks().read(t.chain(), BoundingBox.at(p[0], p[1], p[2], 1, 1, 1));
      b.append(i == 0 ? "" : ",").append(Long.toUnsignedString(v.getLong(0, 0, 0)));
    }
    return Reply.json(200, b.append("]").toString());
  }

  private static Reply maxLabel(Target t) {
    if (!t.method().equals("GET")) {
      throw DvidError.badRequest("POST /maxlabel requires admin privileges (admintoken or DSG"
          + " admin)");
    }
    OptionalLong m = t.instance().state().maxLabel(t.chain());
    if (m.isEmpty()) {
      throw DvidError.badRequest("No maximum label found for " + t.instance().def().name()
          + " version " + t.node());
    }
    return Reply.json(200, "{\"maxlabel\": " + Long.toUnsignedString(m.getAsLong()) + "}");
  }

  private static Reply nextLabel(Target t) {
    if (t.method().equals("GET")) {
      return Reply.json(200, "{\"nextlabel\": "
          + Long.toUnsignedString(t.instance().state().nextLabel()) + "}");
    }
    if (!t.method().equals("POST")) {
      throw DvidError.badRequest("Unknown action \"" + t.method() + "\" requested: " + t.path());
    }
    long n;
    if (t.instance().type() == InstanceType.LABELARRAY) {
      // labelarray takes the count in a JSON body, labelmap in the path.
      JsonNode needed = readJson(t.call().body()).path("needed");
      if (!needed.canConvertToLong() || needed.asLong() < 0) {
        throw DvidError.badRequest("POST on nextlabel endpoint requires 'needed' count of"
            + " labels");
      }
      n = needed.asLong();
    } else {
      String count = t.part(4, "number of requested labels");
      try {
        n = Long.parseUnsignedLong(count);
      } catch (NumberFormatException e) {
        throw DvidError.badRequest("strconv.ParseUint: parsing \"" + count
            + "\": invalid syntax");
      }
    }
    long[] r = t.instance().state().reserve(t.node(), n);
    return Reply.json(200, "{\"start\": " + Long.toUnsignedString(r[0]) + ", \"end\": "
        + Long.toUnsignedString(r[1]) + "}");
  }

  private static long labelArg(Target t) {
    String s = t.part(4, "label ID");
    long label;
    try {
      label = Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw DvidError.badRequest("strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
    }
    if (label == 0) {
      throw DvidError.badRequest("Label 0 is protected background value and cannot be used as"
          + " sparse volume.");
    }
    return label;
  }

  private static SparseVolumes.Bounds bounds(Target t) {
    Map<String, Long> b = new LinkedHashMap<>();
    for (String k : List.of("minx", "maxx", "miny", "maxy", "minz", "maxz")) {
      Optional<String> v = t.call().param(k);
      if (v.isPresent()) {
        try {
          b.put(k, Long.parseLong(v.get()));
        } catch (NumberFormatException e) {
          throw DvidError.badRequest("error parsing bounds from query string: bad " + k + " \""
              + v.get() + "\"");
        }
      }
    }
    return new SparseVolumes.Bounds(b.getOrDefault("minx", Long.MIN_VALUE),
        b.getOrDefault("maxx", Long.MAX_VALUE), b.getOrDefault("miny", Long.MIN_VALUE),
        b.getOrDefault("maxy", Long.MAX_VALUE), b.getOrDefault("minz", Long.MIN_VALUE),
        b.getOrDefault("maxz", Long.MAX_VALUE));
  }

  private static Reply sparsevol(Target t) throws IOException {
    checkScale(t);
    long label = labelArg(t);
    SparseVolumes.Bounds bounds = bounds(t);
    String compression = t.call().param("compression").orElse("");
    if (!compression.isEmpty() && !compression.equals("lz4") && !compression.equals("gzip")) {
      throw DvidError.badRequest("unknown compression type \"" + compression + "\"");
    }
    List<SparseVolumes.Run> runs =
        SparseVolumes.runs(t.instance().blocks(), t.chain(), label, bounds);
    switch (t.method()) {
      case "HEAD":
        return new Reply(runs.isEmpty() ? 204 : 200, "text/html", new byte[0], Map.of());
      case "GET":
        break;
      case "POST":
        throw DvidError.badRequest("POST of sparsevol not currently implemented");
      default:
        throw DvidError.badRequest("Unable to handle HTTP action " + t.method()
            + " on sparsevol endpoint");
    }
    if (runs.isEmpty()) {
      return Reply.empty(404);
    }
    String format = t.call().param("format").orElse("rles");
    byte[] body;
    switch (format) {
      case "rles":
        body = compress(SparseVolumes.legacy(runs).orElseThrow(), compression);
        break;
      case "srles":
        body = SparseVolumes.streaming(runs);
        break;
      default:
        throw DvidError.badRequest("sparsevol format \"" + format + "\" is not served by ndio's"
            + " DVID server (rles and srles are)");
    }
    return Reply.of(200, "application/octet-stream", body);
  }

  private static Reply sparsevolSize(Target t) {
    long label = labelArg(t);
    if (!t.method().equals("GET")) {
      throw DvidError.badRequest("DVID does not support " + t.method()
          + " on /sparsevol-size endpoint");
    }
    Optional<SparseVolumes.Size> s =
        SparseVolumes.size(t.instance().blocks(), t.chain(), label);
    if (s.isEmpty()) {
      return Reply.empty(404);
    }
    var b = t.instance().blocks().block();
    long[] lo = s.get().minBlock();
    long[] hi = s.get().maxBlock();
    return Reply.json(200, "{\"voxels\": " + s.get().voxels() + ", \"numblocks\": "
        + s.get().blocks() + ", \"minvoxel\": [" + lo[0] * b.x() + ", " + lo[1] * b.y() + ", "
        + lo[2] * b.z() + "], \"maxvoxel\": [" + ((hi[0] + 1) * b.x() - 1) + ", "
        + ((hi[1] + 1) * b.y() - 1) + ", " + ((hi[2] + 1) * b.z() - 1) + "]}");
  }
}
