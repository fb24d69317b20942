package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ndio.CorruptDataException;
import org.ndio.UnsupportedFeatureException;

/**
 * Damaged frames end in {@link CorruptDataException} (or, for a frame that claims snappy,
 * {@link UnsupportedFeatureException}), never another exception, a hang, a huge allocation or
 * wrong bytes where the format could tell. blosc has no checksum: a flipped shuffle flag or
 * type size keeps every size consistent and decodes to other bytes, which no reader can
 * notice, so those header bits are only required not to crash.
 */
class BloscMalformedInputTest {

  /** Small frames of every kind: split and unsplit blocks, several blocks, stored streams. */
  private static List<byte[][]> frames() {
    List<byte[][]> out = new ArrayList<>();
    byte[] labels = Payloads.make("labels64", 2400, 5);
    byte[] low = Payloads.make("lownoise16", 3000, 5);
    byte[] tiny = Payloads.make("ramp8", 100, 5);
    for (BloscCompressor c : new BloscCompressor[] {BloscCompressor.BLOSCLZ,
        BloscCompressor.LZ4, BloscCompressor.ZLIB, BloscCompressor.ZSTD}) {
      out.add(new byte[][] {labels, new Blosc(c, 5, BloscShuffle.BYTE, 0).encode(labels, 8)});
      out.add(new byte[][] {low, new Blosc(c, 5, BloscShuffle.BYTE, 1024).encode(low, 2)});
      out.add(new byte[][] {low, new Blosc(c, 9, BloscShuffle.BIT, 0).encode(low, 2)});
    }
    out.add(new byte[][] {tiny, Blosc.DEFAULT.encode(tiny, 1)});
    // three unsplit blocks, the last one short
    out.add(new byte[][] {low, new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BYTE, 1024)
        .encode(low, 64)});
    return out;
  }

  private static boolean acceptable(RuntimeException e, byte[] frame) {
    if (e instanceof CorruptDataException) {
      return true;
    }
    return e instanceof UnsupportedFeatureException && ((frame[2] & 0xFF) >>> 5) == 2
        && e.getMessage().contains("snappy");
  }

  /** Decodes; returns the bytes, or null after an acceptable exception; fails otherwise. */
  private static byte[] decodeOrNull(byte[] frame, int n, String what) {
    try {
      return Blosc.DEFAULT.decode(frame, n);
    } catch (RuntimeException e) {
      if (!acceptable(e, frame)) {
        fail(what + ": " + e, e);
      }
      return null;
    }
  }

  @Test
  void everyTruncationIsCorrupt() {
    for (byte[][] rf : frames()) {
      byte[] frame = rf[1];
      for (int len = 0; len < frame.length; len++) {
        byte[] cut = Arrays.copyOf(frame, len);
        assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(cut, rf[0].length));
        if (len >= 16) {
          // the same, with the header's cbytes made to agree, so the inner checks must catch it
          BloscEncoder.putInt(cut, 12, len);
          assertThrows(CorruptDataException.class,
              () -> Blosc.DEFAULT.decode(cut, rf[0].length), "cut at " + len);
        }
      }
    }
  }

  @Test
  void flippedHeaderBitsAreCaughtOrHarmless() {
    for (byte[][] rf : frames()) {
      for (int bit = 0; bit < 16 * 8; bit++) {
        byte[] f = rf[1].clone();
        f[bit / 8] ^= (byte) (1 << (bit % 8));
        byte[] got = decodeOrNull(f, rf[0].length, "header bit " + bit);
        boolean undetectable = bit / 8 == 3 || bit == 16 || bit == 18 || bit == 20;
        if (got != null && !undetectable) {
          assertArrayEquals(rf[0], got, "header bit " + bit + " decoded to other bytes");
        }
      }
    }
  }

  @Property(tries = 400)
  void randomDamageNeverEscapes(@ForAll @IntRange(max = 13) int which,
      @ForAll @IntRange(min = 1, max = 8) int flips, @ForAll long seed) {
    byte[][] rf = frames().get(which);
    byte[] f = rf[1].clone();
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < flips; k++) {
      f[r.nextInt(f.length)] = (byte) r.nextInt(256);
    }
    decodeOrNull(f, rf[0].length, "random damage");
  }

  @Test
  void absurdSizesAreCorruptWithoutAllocating() {
    byte[] raw = Payloads.make("labels64", 2400, 5);
    byte[] frame = Blosc.DEFAULT.encode(raw, 8);
    for (int nbytes : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 16, -1, 1 << 30}) {
      byte[] f = frame.clone();
      BloscEncoder.putInt(f, 4, nbytes);
      assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length));
    }
    for (int blockSize : new int[] {0, -1, raw.length + 1, 1}) {
      byte[] f = frame.clone();
      BloscEncoder.putInt(f, 8, blockSize);
      assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length));
    }
    byte[] zeroType = frame.clone();
    zeroType[3] = 0;
    assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(zeroType, raw.length));
    for (int version : new int[] {0, 1, 3, 255}) {
      byte[] f = frame.clone();
      f[0] = (byte) version;
      assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length));
    }
    for (int code = 5; code < 8; code++) {
      byte[] f = frame.clone();
      f[2] = (byte) ((f[2] & 0x1F) | code << 5);
      CorruptDataException e =
          assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length));
      assertTrue(e.getMessage().contains("compressor code " + code), e.getMessage());
    }
  }

  @Test
  void blockStartsAndStreamSizesOutOfRangeAreCorrupt() {
    byte[] raw = Payloads.make("lownoise16", 3000, 5);
    byte[] frame = new Blosc(BloscCompressor.ZSTD, 5, BloscShuffle.BYTE, 1024).encode(raw, 2);
    BloscFrameInfo info = Blosc.frameInfo(frame);
    assertTrue(info.blockCount() == 3 && !info.memcpyed(), info.toString());
    int tableEnd = 16 + 4 * info.blockCount();
    for (int j = 0; j < info.blockCount(); j++) {
      for (int start : new int[] {0, 15, tableEnd - 1, frame.length - 3, frame.length,
          frame.length + 100, -1, Integer.MIN_VALUE}) {
        byte[] f = frame.clone();
        BloscEncoder.putInt(f, 16 + 4 * j, start);
        assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length),
            "block " + j + " start " + start);
      }
      int at = (int) BloscFrameInfo.u32(frame, 16 + 4 * j);
      for (int csize : new int[] {-1, frame.length, Integer.MAX_VALUE, 0}) {
        byte[] f = frame.clone();
        BloscEncoder.putInt(f, at, csize);
        assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(f, raw.length),
            "block " + j + " stream size " + csize);
      }
    }
  }

  @Test
  void compressedSnappyFramesAreUnsupported() {
    byte[] raw = Payloads.make("labels64", 2400, 5);
    byte[] f = Blosc.DEFAULT.encode(raw, 8);
    f[2] = (byte) ((f[2] & 0x1F) | 2 << 5);
    UnsupportedFeatureException e =
        assertThrows(UnsupportedFeatureException.class, () -> Blosc.DEFAULT.decode(f, 2400));
    assertTrue(e.getMessage().contains("snappy"), e.getMessage());
  }
}
