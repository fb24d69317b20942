package org.ndio.format.zarr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteOrder;
import java.util.Map;
import org.ndio.CorruptDataException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;

/**
 * The {@code .zarray} document of a Zarr v2 array holding a volume. Zarr (like numpy) lists
 * axes slowest first, so a 3D array's {@code shape} is {@code [z, y, x]}; a 2D array {@code [y,
 * x]} is one section, and leading axes of size 1 are dropped.
 *
 * @param shape the volume's size in x, y, z
 * @param chunks the chunk size in x, y, z
 * @param ndim the number of axes the array declares (2 or more)
 * @param fillValue the value of voxels in chunks that were never written, as a double (NaN and
 *     infinities allowed for floats; integers up to 2^53 exactly)
 * @param fortranOrder whether chunks are stored in Fortran order ({@code "order": "F"})
 * @param separator {@code "."} or {@code "/"} between chunk indices in a chunk's key
 */
public record ZarrMetadata(Size3 shape, Size3 chunks, int ndim, DataType dtype, ByteOrder order,
    double fillValue, boolean fortranOrder, Codec compressor, String separator) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The metadata ndio writes for a new array: C order, little-endian, "." keys, fill 0. */
  public static ZarrMetadata forNew(Size3 shape, Size3 chunks, DataType dtype, Codec compressor) {
    return new ZarrMetadata(shape, chunks, 3, dtype, ByteOrder.LITTLE_ENDIAN, 0, false,
        compressor, ".");
  }

  /** Parses a {@code .zarray} document; {@code where} names it in errors. */
  public static ZarrMetadata parse(byte[] json, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new CorruptDataException(where + ": .zarray is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptDataException(where + ": .zarray is not a JSON object");
    }
    int format = root.path("zarr_format").asInt(-1);
    if (format != 2) {
      throw new UnsupportedFeatureException(
          where + ": zarr_format " + root.path("zarr_format") + " is not supported (Zarr v2 only)");
    }
    long[] shape = longs(root, "shape", where);
    long[] chunks = longs(root, "chunks", where);
    if (shape.length != chunks.length) {
      throw new CorruptDataException(where + ": shape has " + shape.length + " axes but chunks "
          + chunks.length);
    }
    if (shape.length < 2) {
      throw new UnsupportedFeatureException(
          where + ": a " + shape.length + "-dimensional array is not a volume (2 or 3 axes)");
    }
    for (int i = 0; i < shape.length - 3; i++) {
      if (shape[i] != 1) {
        throw new UnsupportedFeatureException(where + ": a " + shape.length
            + "-dimensional array with a leading axis of size " + shape[i]
            + " is not a volume (leading axes beyond z must have size 1)");
      }
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0 || chunks[i] <= 0) {
        throw new CorruptDataException(where + ": shape and chunks must be positive, got shape "
            + root.get("shape") + " chunks " + root.get("chunks"));
      }
      if (shape[i] == 0) {
        throw new UnsupportedFeatureException(where + ": the array is empty (shape "
            + root.get("shape") + ")");
      }
    }
    int n = shape.length;
    Size3 s = new Size3(shape[n - 1], shape[n - 2], n >= 3 ? shape[n - 3] : 1);
    Size3 c = new Size3(chunks[n - 1], chunks[n - 2], n >= 3 ? chunks[n - 3] : 1);
    long chunkElements = 1;
    for (long k : chunks) {
      // Saturates: any product past 2^31 is refused below all the same.
      chunkElements = k > Long.MAX_VALUE / chunkElements ? Long.MAX_VALUE : chunkElements * k;
    }

    JsonNode dt = root.get("dtype");
    if (dt == null || !dt.isTextual()) {
      throw new UnsupportedFeatureException(
          where + ": dtype " + dt + " is not supported (structured dtypes cannot be volumes)");
    }
    DataType.Typestr t = DataType.parseTypestr(dt.asText());
    if (chunkElements > (Integer.MAX_VALUE - 8) / t.type().bytes()) {
      throw new UnsupportedFeatureException(
          where + ": chunks " + root.get("chunks") + " exceed 2 GiB, more than one chunk may hold");
    }

    String orderText = root.path("order").asText("C");
    if (!orderText.equals("C") && !orderText.equals("F")) {
      throw new CorruptDataException(where + ": order must be \"C\" or \"F\", got " + orderText);
    }
    JsonNode filters = root.get("filters");
    if (filters != null && !filters.isNull() && !(filters.isArray() && filters.isEmpty())) {
      throw new UnsupportedFeatureException(
          where + ": filters " + filters + " are not supported (only a compressor)");
    }
    JsonNode comp = root.get("compressor");
    Codec codec;
    if (comp == null || comp.isNull()) {
      codec = Codecs.fromConfig(Map.of());
    } else if (!comp.isObject()) {
      throw new CorruptDataException(where + ": compressor must be an object like {\"id\":"
          + " \"blosc\", ...} or null, got " + abbreviate(comp.toString()));
    } else {
      @SuppressWarnings("unchecked")
      Map<String, Object> cfg = JSON.convertValue(comp, Map.class);
      codec = Codecs.fromConfig(cfg);
    }
    String sep = root.path("dimension_separator").asText(".");
    if (!sep.equals(".") && !sep.equals("/")) {
      throw new CorruptDataException(where + ": dimension_separator must be \".\" or \"/\", got '"
          + sep + "'");
    }
    return new ZarrMetadata(s, c, n, t.type(), t.order(), fill(root.get("fill_value"), where),
        orderText.equals("F"), codec, sep);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static long[] longs(JsonNode root, String field, String where) {
    JsonNode a = root.get(field);
    if (a == null || !a.isArray()) {
      throw new CorruptDataException(where + ": .zarray has no '" + field + "' list");
    }
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (!a.get(i).canConvertToLong() || !a.get(i).isIntegralNumber()) {
        throw new CorruptDataException(where + ": " + field + " " + a + " must list integers");
      }
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  private static double fill(JsonNode v, String where) {
    if (v == null || v.isNull()) {
      return 0; // zarr leaves never-written chunks undefined; zero is what zarr-python reads
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      switch (v.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? 1 : 0;
    }
    throw new UnsupportedFeatureException(where + ": fill_value " + v + " is not supported");
  }

  /** Number of bytes one decoded chunk holds (edge chunks are stored full size in Zarr v2). */
  public int chunkBytes() {
    return (int) (chunks.voxels() * dtype.bytes());
  }

  /** The {@code .zarray} document for this metadata. */
  public byte[] toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("zarr_format", 2);
    ArrayNode sh = o.putArray("shape");
    ArrayNode ch = o.putArray("chunks");
    if (ndim >= 3) {
      for (int i = 0; i < ndim - 3; i++) {
        sh.add(1);
        ch.add(1);
      }
      sh.add(shape.z());
      ch.add(chunks.z());
    }
    sh.add(shape.y()).add(shape.x());
    ch.add(chunks.y()).add(chunks.x());
    o.put("dtype", dtype.typestr(order));
    Map<String, Object> cfg = compressor.config();
    if (cfg.isEmpty()) {
      o.putNull("compressor");
    } else {
      o.set("compressor", JSON.valueToTree(cfg));
    }
    if (Double.isNaN(fillValue)) {
      o.put("fill_value", "NaN");
    } else if (Double.isInfinite(fillValue)) {
      o.put("fill_value", fillValue > 0 ? "Infinity" : "-Infinity");
    } else if (dtype.isFloat()) {
      o.put("fill_value", fillValue);
    } else {
      o.put("fill_value", (long) fillValue);
    }
    o.put("order", fortranOrder ? "F" : "C");
    o.putNull("filters");
    o.put("dimension_separator", separator);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
