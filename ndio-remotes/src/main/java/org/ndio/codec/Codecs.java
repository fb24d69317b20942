package org.ndio.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ndio.UnsupportedFeatureException;

/**
 * Builds codecs from short specs (command lines, URLs) and from numcodecs configurations
 * ({@code .zarray}'s {@code compressor}).
 *
 * <p>Specs: {@code none | gzip[:LEVEL] | zlib[:LEVEL] | zstd[:LEVEL[:checksum]] | lz4[:ACCEL]
 * | blosc[:CNAME[:CLEVEL[:SHUFFLE[:BLOCKSIZE]]]]}, with SHUFFLE one of {@code none, byte, bit,
 * auto} or {@code 0, 1, 2, -1}. Omitted parts take numcodecs' defaults (level 1 for gzip, zlib
 * and zstd, acceleration 1 for lz4, and zarr-python's blosc: lz4, 5, byte, 0). Each codec's
 * {@code toString()} is a spec that parses back to an equal codec.
 */
public final class Codecs {

  private static final String KNOWN = "none, gzip, zlib, zstd, lz4, blosc";

  private Codecs() {}

  /**
   * The codec a spec names.
   *
   * @throws UnsupportedFeatureException for an unknown codec or blosc compressor
   * @throws InvalidCodecException for a malformed or out-of-range number or a stray part
   */
  public static Codec parse(String spec) {
    String[] p = spec.trim().split(":", -1);
    String id = p[0].trim().toLowerCase(Locale.ROOT);
    switch (id) {
      case "none":
      case "null":
        parts(spec, p, 1);
        return new NoneCodec();
      case "gzip":
        parts(spec, p, 2);
        return new GzipCodec(p.length > 1 ? integer(spec, p[1], "level") : GzipCodec.DEFAULT_LEVEL);
      case "zlib":
        parts(spec, p, 2);
        return new ZlibCodec(p.length > 1 ? integer(spec, p[1], "level") : ZlibCodec.DEFAULT_LEVEL);
      case "zstd":
        parts(spec, p, 3);
        if (p.length > 2 && !p[2].trim().equalsIgnoreCase("checksum")) {
          throw new InvalidCodecException("codec spec '" + spec + "': expected 'checksum' after"
              + " the zstd level, found '" + p[2] + "'");
        }
        return new ZstdCodec(p.length > 1 ? integer(spec, p[1], "level") : ZstdCodec.DEFAULT_LEVEL,
            p.length > 2);
      case "lz4":
        parts(spec, p, 2);
        return new Lz4Codec(
            p.length > 1 ? integer(spec, p[1], "acceleration") : Lz4Codec.DEFAULT_ACCELERATION);
      case "blosc":
        return blosc(spec, p);
      default:
        throw new UnsupportedFeatureException("codec spec '" + spec + "': unknown codec '" + p[0]
            + "' (known: " + KNOWN + ")");
    }
  }

  private static Codec blosc(String spec, String[] p) {
    parts(spec, p, 5);
    Blosc d = Blosc.DEFAULT;
    BloscCompressor cname = p.length > 1 ? BloscCompressor.fromName(p[1]) : d.compressor();
    int clevel = p.length > 2 ? integer(spec, p[2], "clevel") : d.clevel();
    BloscShuffle shuffle = d.shuffle();
    if (p.length > 3) {
      shuffle = BloscShuffle.fromSpec(p[3]);
      if (shuffle == null) {
        throw new InvalidCodecException("codec spec '" + spec + "': unknown blosc shuffle '"
            + p[3] + "' (none, byte, bit, auto, or 0, 1, 2, -1)");
      }
    }
    int blockSize = p.length > 4 ? integer(spec, p[4], "blocksize") : d.blockSize();
    return new Blosc(cname, clevel, shuffle, blockSize);
  }

  /**
   * The codec a numcodecs configuration describes, e.g. {@code {"id": "blosc", "cname": "lz4",
   * "clevel": 5, "shuffle": 1, "blocksize": 0}}; null or an empty map is no compression. Keys
   * a codec does not use are ignored, missing ones take numcodecs' defaults.
   *
   * @throws UnsupportedFeatureException for an unknown id or blosc compressor
   * @throws InvalidCodecException for a value of the wrong type or out of range
   */
  public static Codec fromConfig(Map<String, ?> config) {
    if (config == null || config.isEmpty()) {
      return new NoneCodec();
    }
    Object idValue = config.get("id");
    if (!(idValue instanceof String)) {
      throw new InvalidCodecException("codec configuration " + config
          + " has no string 'id'");
    }
    String id = ((String) idValue).toLowerCase(Locale.ROOT);
    switch (id) {
      case "gzip":
        return new GzipCodec(number(config, "level", GzipCodec.DEFAULT_LEVEL));
      case "zlib":
        return new ZlibCodec(number(config, "level", ZlibCodec.DEFAULT_LEVEL));
      case "zstd":
        return new ZstdCodec(number(config, "level", ZstdCodec.DEFAULT_LEVEL),
            bool(config, "checksum"));
      case "lz4":
        return new Lz4Codec(number(config, "acceleration", Lz4Codec.DEFAULT_ACCELERATION));
      case "blosc": {
        Object cname = config.get("cname");
        if (cname != null && !(cname instanceof String)) {
          throw new InvalidCodecException("codec configuration " + config
              + ": 'cname' is not a string");
        }
        Blosc d = Blosc.DEFAULT;
        int code = number(config, "shuffle", d.shuffle().code());
        BloscShuffle shuffle = BloscShuffle.fromCode(code);
        if (shuffle == null) {
          throw new InvalidCodecException("codec configuration " + config + ": blosc shuffle "
              + code + " is not -1, 0, 1 or 2");
        }
        return new Blosc(cname == null ? d.compressor() : BloscCompressor.fromName((String) cname),
            number(config, "clevel", d.clevel()), shuffle, number(config, "blocksize", 0));
      }
      default:
        throw new UnsupportedFeatureException("codec configuration " + config
            + ": unknown codec id '" + idValue + "' (known: gzip, zlib, zstd, lz4, blosc, or"
            + " null for none)");
    }
  }

  /** An ordered, unmodifiable configuration map from alternating keys and values. */
  static Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  private static void parts(String spec, String[] p, int max) {
    if (p.length > max) {
      throw new InvalidCodecException("codec spec '" + spec + "' has " + p.length
          + " parts; " + p[0].trim() + " takes at most " + max);
    }
  }

  private static int integer(String spec, String text, String what) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidCodecException("codec spec '" + spec + "': " + what + " '" + text
          + "' is not an integer", e);
    }
  }

  private static int number(Map<String, ?> config, String key, int fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number) {
      Number n = (Number) v;
      double d = n.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw new InvalidCodecException("codec configuration " + config + ": '" + key + "' = " + v
        + " is not an integer");
  }

  private static boolean bool(Map<String, ?> config, String key) {
    Object v = config.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    throw new InvalidCodecException("codec configuration " + config + ": '" + key + "' = " + v
        + " is not true or false");
  }
}
