package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ndio.CorruptDataException;

/** none, gzip, zlib, zstd and lz4: round trips, foreign encodings, damaged chunks. */
class SimpleCodecsTest {

  private static final List<Codec> CODECS = List.of(new NoneCodec(), new GzipCodec(1),
      new GzipCodec(9), new ZlibCodec(0), new ZlibCodec(6), new ZstdCodec(1, false),
      new ZstdCodec(-3, false), new ZstdCodec(12, true), new Lz4Codec(1), new Lz4Codec(9));

  @Provide
  Arbitrary<Codec> codecs() {
    return Arbitraries.of(CODECS);
  }

  @Property(tries = 200)
  void roundTrip(@ForAll("codecs") Codec codec, @ForAll @IntRange(max = 200_000) int size,
      @ForAll @IntRange(max = 7) int kind, @ForAll long seed) {
    byte[] raw = Payloads.make(Payloads.KINDS.get(kind), size, seed);
    assertArrayEquals(raw, codec.decode(codec.encode(raw, 2), raw.length));
  }

  @Test
  void emptyAndOneByteChunksRoundTrip() {
    for (Codec codec : CODECS) {
      for (byte[] raw : new byte[][] {{}, {42}}) {
        assertArrayEquals(raw, codec.decode(codec.encode(raw, 1), raw.length), codec.toString());
      }
    }
  }

  @Test
  void damagedChunksAreCorrupt() {
    byte[] raw = Payloads.make("smooth16", 20_000, 3);
    for (Codec codec : CODECS) {
      byte[] enc = codec.encode(raw, 2);
      assertThrows(CorruptDataException.class, () -> codec.decode(enc, raw.length + 1),
          "" + codec);
      if (!(codec instanceof NoneCodec)) {
        assertThrows(CorruptDataException.class, () -> codec.decode(enc, raw.length - 1),
            "" + codec);
      }
      for (int len = 0; len < enc.length; len += Math.max(1, enc.length / 97)) {
        byte[] cut = Arrays.copyOf(enc, len);
        assertThrows(CorruptDataException.class, () -> codec.decode(cut, raw.length),
            codec + " cut at " + len);
      }
      for (int k = 0; k < 200; k++) {
        byte[] bad = enc.clone();
        bad[(k * 7919) % bad.length] ^= (byte) (1 + k % 255);
        try {
          codec.decode(bad, raw.length);
        } catch (CorruptDataException expected) {
          // the codecs without a checksum may decode damage to other bytes; none may crash
        } catch (RuntimeException e) {
          fail(codec + ": damage gave " + e, e);
        }
      }
    }
  }

  @Test
  void checksummedFormatsCatchFlippedPayloadBits() {
    byte[] raw = Payloads.make("smooth16", 20_000, 3);
    for (Codec codec : List.of(new GzipCodec(5), new ZlibCodec(5), new ZstdCodec(3, true))) {
      byte[] enc = codec.encode(raw, 2);
      for (int at = 20; at < enc.length - 8; at += 13) {
        byte[] bad = enc.clone();
        bad[at] ^= 0x10;
        try {
          byte[] got = codec.decode(bad, raw.length);
          assertArrayEquals(raw, got, codec + " flipped byte " + at + " decoded to other bytes");
        } catch (CorruptDataException expected) {
          // caught
        }
      }
    }
  }

  @Test
  void zstdFramesWithoutContentSizeDecode() {
    byte[] raw = Payloads.make("labels64", 100_000, 4);
    byte[] frame;
    try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
      frame = ctx.setLevel(3).setContentSize(false).compress(raw);
    }
    // frame header descriptor (RFC 8878): no content size flag, no single-segment flag
    assertEquals(0, frame[4] & 0xE0, "the frame has no content size field");
    assertArrayEquals(raw, new ZstdCodec(1, false).decode(frame, raw.length));
    assertThrows(CorruptDataException.class,
        () -> new ZstdCodec(1, false).decode(frame, raw.length - 1));
    assertThrows(CorruptDataException.class,
        () -> new ZstdCodec(1, false).decode(frame, raw.length + 1));
  }

  @Test
  void gzipReadsConcatenatedMembersAndJavasOwnWriter() throws IOException {
    byte[] a = Payloads.make("ramp8", 5000, 1);
    byte[] b = Payloads.make("noise", 3000, 2);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    for (byte[] part : new byte[][] {a, b}) {
      try (GZIPOutputStream gz = new GZIPOutputStream(both)) {
        gz.write(part);
      }
    }
    byte[] expected = new byte[a.length + b.length];
    System.arraycopy(a, 0, expected, 0, a.length);
    System.arraycopy(b, 0, expected, a.length, b.length);
    assertArrayEquals(expected, new GzipCodec(1).decode(both.toByteArray(), expected.length));
  }

  @Test
  void lz4HeaderMustAgree() {
    byte[] raw = Payloads.make("ramp16", 10_000, 1);
    byte[] enc = new Lz4Codec(1).encode(raw, 2);
    assertEquals(raw.length, (int) BloscFrameInfo.u32(enc, 0));
    enc[2] = 0x70;
    CorruptDataException e = assertThrows(CorruptDataException.class,
        () -> new Lz4Codec(1).decode(enc, raw.length));
    assertTrue(e.getMessage().contains("declares"), e.getMessage());
  }
}
