package org.ndio.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.ndio.CorruptDataException;

/**
 * numcodecs' {@code gzip}: the chunk is a gzip member (RFC 1952), as Python's {@code gzip}
 * module writes it; decoding also takes several concatenated members, as Python does.
 *
 * @param level 0 (stored) to 9
 */
public record GzipCodec(int level) implements Codec {

  /** numcodecs' default level. */
  public static final int DEFAULT_LEVEL = 1;

  private static final int HEADER = 10;
  private static final int TRAILER = 8;

  /** @throws InvalidCodecException for a level outside 0-9 */
  public GzipCodec {
    if (level < 0 || level > 9) {
      throw new InvalidCodecException("gzip level " + level + " is outside 0-9");
    }
  }

  @Override
  public Map<String, Object> config() {
    return Codecs.config("id", "gzip", "level", level);
  }

  @Override
  public byte[] encode(byte[] raw, int typeSize) {
    Deflater deflater = new Deflater(level, true);
    byte[] out;
    try {
      out = Deflate.deflate(deflater, raw, HEADER, TRAILER);
    } finally {
      deflater.end();
    }
    out[0] = (byte) 0x1f;
    out[1] = (byte) 0x8b;
    out[2] = 8; // deflate; no flags, no name; mtime 0 keeps the output reproducible
    out[8] = (byte) (level == 9 ? 2 : level == 1 ? 4 : 0);
    out[9] = (byte) 255; // OS unknown
    CRC32 crc = new CRC32();
    crc.update(raw);
    int t = out.length - TRAILER;
    BloscEncoder.putInt(out, t, (int) crc.getValue());
    BloscEncoder.putInt(out, t + 4, raw.length);
    return out;
  }

  @Override
  public byte[] decode(byte[] encoded, int expectedSize) {
    Expansion.require(expectedSize, encoded.length, Expansion.DEFLATE, "gzip chunk of " + encoded.length
        + " bytes");
    byte[] out = new byte[expectedSize];
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(encoded), 1 << 16)) {
      int n = in.readNBytes(out, 0, expectedSize);
      if (n < expectedSize) {
        throw new CorruptDataException("gzip chunk holds " + n + " bytes, expected "
            + expectedSize);
      }
      if (in.read() != -1) {
        throw new CorruptDataException("gzip chunk holds more than the " + expectedSize
            + " bytes expected");
      }
      return out;
    } catch (IOException e) {
      throw new CorruptDataException("gzip chunk is corrupt or truncated: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "gzip:" + level;
  }
}
