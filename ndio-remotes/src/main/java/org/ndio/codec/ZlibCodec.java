package org.ndio.codec;

import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;

/**
 * numcodecs' {@code zlib}: the chunk is one zlib stream (RFC 1950), as Python's
 * {@code zlib.compress(data, level)} writes it.
 *
 * @param level 0 (stored) to 9
 */
public record ZlibCodec(int level) implements Codec {

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  /** @throws InvalidCodecException for a level outside 0-9 */
  public ZlibCodec {
    if (level < 0 || level > 9) {
      throw new InvalidCodecException("zlib level " + level + " is outside 0-9");
    }
  }

  @Override
  public Map<String, Object> config() {
    return Codecs.config("id", "zlib", "level", level);
  }

  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    Deflater deflater = new Deflater(level);
    try {
      return Deflate.deflate(deflater, raw, 0, 0);
    } finally {
      deflater.end();
    }
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    Expansion.require(expectedSize, encoded.length, Expansion.DEFLATE, "zlib chunk of " + encoded.length
        + " bytes");
    byte[] out = new byte[expectedSize];
    Inflater inflater = new Inflater();
    try {
      int used = Deflate.inflateExactly(inflater, encoded, 0, encoded.length, out, expectedSize,
          "zlib chunk");
      if (used != encoded.length) {
        throw new CorruptDataException("zlib chunk has " + (encoded.length - used)
            + " bytes after the end of its stream");
      }
      return out;
    } finally {
      inflater.end();
    }
  }

  @Override
  public String toString() {
    return "zlib:" + level;
  }
}
