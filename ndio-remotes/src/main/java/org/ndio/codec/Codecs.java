package org.ndio.codec;

import java.util.Map;
import org.ndio.UnsupportedFeatureException;

/** TEMPORARY stand-in until the codec branch lands (only "none"). */
public final class Codecs {
  private Codecs() {}

  public static Codec parse(String spec) {
    if (!spec.equals("none")) {
      throw new UnsupportedFeatureException("codec " + spec);
    }
    return none();
  }

  public static Codec fromConfig(Map<String, Object> config) {
    if (!config.isEmpty()) {
      throw new UnsupportedFeatureException("codec " + config);
    }
    return none();
  }

  private static Codec none() {
    return new Codec() {
      public Map<String, Object> config() {
        return Map.of();
      }

      public byte[] encode(byte[] raw, int typeSize) {
        return raw.clone();
      }

      public byte[] decode(byte[] encoded, int expectedSize) {
        return encoded.clone();
      }

      public String toString() {
        return "none";
      }
    };
  }
}
