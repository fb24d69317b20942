package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.ndio.ByteSlice;
import org.ndio.CorruptDataException;
import org.ndio.UnsupportedFeatureException;

/** Blosc frames written here decode here to the same bytes, for every option. */
class BloscRoundTripTest {

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(0, 1, 2, 7, 15, 16, 127, 128, 129, 1023, 32768,
            65536, 65537, 262_144 + 3)),
        Tuple.of(4, Arbitraries.integers().between(0, 5000)),
        Tuple.of(2, Arbitraries.integers().between(5000, 400_000)));
  }

  @Provide
  Arbitrary<Integer> typeSizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(1, 2, 4, 8, 16, 64)),
        Tuple.of(1, Arbitraries.integers().between(1, 255)),
        Tuple.of(1, Arbitraries.of(256, 1000)));
  }

  @Provide
  Arbitrary<Integer> blockSizes() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0)),
        Tuple.of(1, Arbitraries.integers().between(1, 300_000)));
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of(Payloads.KINDS);
  }

  @Provide
  Arbitrary<BloscCompressor> compressors() {
    return Arbitraries.of(BloscCompressor.BLOSCLZ, BloscCompressor.LZ4, BloscCompressor.LZ4HC,
        BloscCompressor.ZLIB, BloscCompressor.ZSTD);
  }

  @Property(tries = 400)
  void structuredPayloadsRoundTrip(@ForAll("kinds") String kind, @ForAll("sizes") int size,
      @ForAll("compressors") BloscCompressor cname, @ForAll @IntRange(max = 9) int clevel,
      @ForAll BloscShuffle shuffle, @ForAll("typeSizes") int ts,
      @ForAll("blockSizes") int blockSize, @ForAll long seed) {
    byte[] raw = Payloads.make(kind, size, seed);
    Blosc codec = new Blosc(cname, clevel, shuffle, blockSize);
    byte[] frame = codec.encode(raw, ts);
    BloscFrameInfo info = Blosc.frameInfo(frame);
    assertEquals(size, info.nbytes());
    assertEquals(frame.length, info.cbytes());
    assertTrue(frame.length <= size + 16, "never more than c-blosc's 16 bytes of overhead");
    assertEquals(ts > 255 ? 1 : ts, info.typeSize());
    assertEquals(shuffle.resolve(info.typeSize()), info.shuffle());
    assertArrayEquals(raw, codec.decode(frame, size));
    // any codec decodes any frame: the frame describes itself
    assertArrayEquals(raw, Blosc.DEFAULT.decode(frame, size));
  }

  @Property(tries = 200)
  void arbitraryBytesRoundTrip(@ForAll @Size(max = 3000) byte[] raw,
      @ForAll("compressors") BloscCompressor cname, @ForAll @IntRange(min = 1, max = 9) int cl,
      @ForAll BloscShuffle shuffle, @ForAll @IntRange(min = 1, max = 20) int ts) {
    Blosc codec = new Blosc(cname, cl, shuffle, 0);
    assertArrayEquals(raw, codec.decode(codec.encode(raw, ts), raw.length));
  }

  @Property(tries = 100)
  void decodeIntoWritesOnlyTheFramesBytes(@ForAll("kinds") String kind,
      @ForAll("sizes") int size, @ForAll("compressors") BloscCompressor cname,
      @ForAll @IntRange(max = 9) int clevel, @ForAll BloscShuffle shuffle,
      @ForAll @IntRange(min = 0, max = 100) int offset, @ForAll long seed) {
    byte[] raw = Payloads.make(kind, size, seed);
    byte[] frame = new Blosc(cname, clevel, shuffle, 0).encode(raw, 8);
    byte[] out = new byte[offset + size + 7];
    Arrays.fill(out, (byte) 0x5A);
    assertEquals(size, Blosc.decodeInto(frame, out, offset));
    assertArrayEquals(raw, Arrays.copyOfRange(out, offset, offset + size));
    for (int i = 0; i < out.length; i++) {
      if (i < offset || i >= offset + size) {
        assertEquals((byte) 0x5A, out[i], "byte " + i + " outside the frame's data changed");
      }
    }
    if (size > 0) {
      assertThrows(CorruptDataException.class,
          () -> Blosc.decodeInto(frame, new byte[offset + size - 1], offset));
    }
  }

  /**
   * One encoder over a run of inputs (sizes up and down, noise that ends up memcpyed next to
   * data that compresses) writes exactly the frames of fresh one-shot encodes, whose bytes the
   * Python cross-check compares with c-blosc's: nothing of an earlier frame leaks into a later.
   */
  @Property(tries = 60)
  void aReusedEncoderWritesTheFramesOfFreshOnes(
      @ForAll @Size(min = 1, max = 6) java.util.List<@From("kinds") String> kinds,
      @ForAll @Size(min = 6, max = 6) java.util.List<@From("sizes") Integer> sizes,
      @ForAll("compressors") BloscCompressor cname, @ForAll @IntRange(max = 9) int clevel,
      @ForAll BloscShuffle shuffle, @ForAll("typeSizes") int ts, @ForAll long seed) {
    Blosc codec = new Blosc(cname, clevel, shuffle, 0);
    try (ChunkEncoder encoder = codec.encoder()) {
      for (int i = 0; i < kinds.size(); i++) {
        byte[] raw = Payloads.make(kinds.get(i), sizes.get(i), seed + i);
        ByteSlice reused = encoder.encode(raw, ts);
        assertArrayEquals(codec.encode(raw, ts), reused.toArray(), "input " + i);
        assertArrayEquals(raw, codec.decode(reused.toArray(), raw.length));
      }
    }
  }

  @Test
  void compressibleDataIsCompressedAndNoiseIsStoredRaw() {
    byte[] zeros = new byte[1 << 20];
    byte[] noise = Payloads.make("noise", 1 << 20, 3);
    for (BloscCompressor c : new BloscCompressor[] {BloscCompressor.BLOSCLZ,
        BloscCompressor.LZ4, BloscCompressor.LZ4HC, BloscCompressor.ZLIB, BloscCompressor.ZSTD}) {
      Blosc codec = new Blosc(c, 5, BloscShuffle.BYTE, 0);
      byte[] z = codec.encode(zeros, 8);
      assertTrue(z.length < zeros.length / 100, c + " compresses zeros: " + z.length);
      assertFalse(Blosc.frameInfo(z).memcpyed());
      byte[] n = codec.encode(noise, 8);
      assertTrue(Blosc.frameInfo(n).memcpyed(), c + " stores noise uncompressed");
      assertEquals(noise.length + 16, n.length);
      assertArrayEquals(noise, codec.decode(n, noise.length));
    }
  }

  /**
   * Noise keeps every stream raw, so each compressed attempt goes to a scratch buffer sized by
   * the first block's split streams; the last, shorter block is one unsplit stream, longer than
   * those. Found by the property above with 298029 bytes of noise, zlib level 1, typesize 8.
   */
  @Test
  void noiseWithALongUnsplitLastBlockRoundTrips() {
    for (BloscCompressor c : new BloscCompressor[] {BloscCompressor.BLOSCLZ,
        BloscCompressor.LZ4, BloscCompressor.LZ4HC, BloscCompressor.ZLIB, BloscCompressor.ZSTD}) {
      for (int size : new int[] {298_029, 65_536 + 40_000, 3 * 32_768 - 1}) {
        byte[] noise = Payloads.make("noise", size, 0);
        Blosc codec = new Blosc(c, 1, BloscShuffle.BYTE, 0);
        assertArrayEquals(noise, codec.decode(codec.encode(noise, 8), size), c + " " + size);
      }
    }
  }

  @Test
  void levelZeroAndTinyInputsAreMemcpyed() {
    byte[] raw = Payloads.make("ramp8", 5000, 1);
    byte[] frame = new Blosc(BloscCompressor.ZSTD, 0, BloscShuffle.BIT, 0).encode(raw, 4);
    assertTrue(Blosc.frameInfo(frame).memcpyed());
    assertEquals(raw.length + 16, frame.length);
    byte[] tiny = Payloads.make("zeros", 127, 1);
    assertTrue(Blosc.frameInfo(Blosc.DEFAULT.encode(tiny, 1)).memcpyed());
  }

  @Test
  void blockSizeFollowsCBloscRules() {
    // values worked out by hand from c-blosc 1.21's compute_blocksize (blosc/blosc.c)
    assertEquals(262_144, BloscEncoder.blockSize(BloscCompressor.LZ4, 5, 2, 1 << 21, 0));
    assertEquals(524_288, BloscEncoder.blockSize(BloscCompressor.LZ4, 9, 2, 1 << 21, 0));
    assertEquals(1 << 20, BloscEncoder.blockSize(BloscCompressor.ZSTD, 9, 2, 1 << 21, 0));
    assertEquals(32_768, BloscEncoder.blockSize(BloscCompressor.ZSTD, 1, 2, 1 << 21, 0));
    assertEquals(65_536, BloscEncoder.blockSize(BloscCompressor.LZ4, 5, 2, 1 << 21, 4096));
    assertEquals(4096, BloscEncoder.blockSize(BloscCompressor.ZSTD, 5, 2, 1 << 21, 4096));
    assertEquals(131_072, BloscEncoder.blockSize(BloscCompressor.LZ4, 5, 64, 1 << 21, 0));
    assertEquals(1, BloscEncoder.blockSize(BloscCompressor.LZ4, 5, 8, 3, 0));
    assertEquals(99_999, BloscEncoder.blockSize(BloscCompressor.LZ4, 5, 3, 100_000, 0));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(UnsupportedFeatureException.class,
        () -> new Blosc(BloscCompressor.SNAPPY, 5, BloscShuffle.BYTE, 0));
    assertThrows(InvalidCodecException.class,
        () -> new Blosc(BloscCompressor.LZ4, 10, BloscShuffle.BYTE, 0));
    assertThrows(InvalidCodecException.class,
        () -> new Blosc(BloscCompressor.LZ4, 5, BloscShuffle.BYTE, -1));
    byte[] frame = Blosc.DEFAULT.encode(new byte[1000], 2);
    CorruptDataException e =
        assertThrows(CorruptDataException.class, () -> Blosc.DEFAULT.decode(frame, 999));
    assertTrue(e.getMessage().contains("1000") && e.getMessage().contains("999"),
        e.getMessage());
  }
}
