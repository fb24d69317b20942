package org.ndio.codec;

import java.util.Map;
import org.ndio.CorruptDataException;

/** No compression: zarr's {@code "compressor": null}, an empty configuration. */
public record NoneCodec() implements Codec {

  @Override
  public Map<String, Object> config() {
    return Map.of();
  }

  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    return raw.clone();
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    if (encoded.length != expectedSize) {
      throw new CorruptDataException("uncompressed chunk holds " + encoded.length
          + " bytes, expected " + expectedSize);
    }
    return encoded.clone();
  }

  @Override
  public String toString() {
    return "none";
  }
}
