package org.ndio.fuzz;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ndio.codec.Blosc;
import org.ndio.codec.BloscCompressor;
import org.ndio.codec.BloscShuffle;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;

/**
 * Damaged chunks of every codec: blosc frames (each inner compressor, byte and bit shuffle),
 * and gzip, zlib, zstd and lz4 chunks as numcodecs writes them. A decode must give exactly the
 * expected number of bytes or a typed error; for the codecs with a checksum (gzip's CRC-32,
 * zlib's Adler-32) a decode that succeeds must also give the original bytes.
 */
class CodecFuzzTest {

  private static final int MUTANTS = 300;

  private static byte[] payload() {
    // Labels-like: runs and repeats, so the compressors use matches, not only literals.
    byte[] raw = TestVolumes.random(DataType.UINT16, 40, 20, 3, 9).array();
    for (int i = 0; i < raw.length; i++) {
      if ((i / 64) % 3 == 0) {
        raw[i] = (byte) (i / 640);
      }
    }
    return raw;
  }

  @Test
  void bloscFrames() {
    byte[] raw = payload();
    long seed = 100;
    for (BloscCompressor c : List.of(BloscCompressor.BLOSCLZ, BloscCompressor.LZ4,
        BloscCompressor.LZ4HC, BloscCompressor.ZLIB, BloscCompressor.ZSTD)) {
      for (BloscShuffle s : List.of(BloscShuffle.BYTE, BloscShuffle.BIT)) {
        Blosc codec = new Blosc(c, 5, s, 1024);
        fuzz("blosc-" + c.cname() + "-" + s.label(), codec, raw, seed++, false);
      }
    }
  }

  @Test
  void otherCodecs() {
    byte[] raw = payload();
    long seed = 200;
    for (String spec : List.of("gzip", "zlib", "zstd", "lz4")) {
      Codec codec = Codecs.parse(spec);
      boolean checksummed = spec.equals("gzip") || spec.equals("zlib");
      fuzz(spec, codec, raw, seed++, checksummed);
    }
  }

  private static void fuzz(String name, Codec codec, byte[] raw, long seed,
      boolean checksummed) {
    byte[] valid = codec.encode(raw, 2);
    try (FuzzRunner f = new FuzzRunner(name)) {
      for (int n : FileFormatFuzzTest.truncationOffsets(valid.length)) {
        byte[] cut = Arrays.copyOf(valid, n);
        f.check(name + " truncated at " + n, () -> decode(codec, cut, raw, checksummed));
      }
      Mutator m = new Mutator(seed);
      for (int i = 0; i < MUTANTS / 3; i++) {
        Mutator.Mutant mu = m.next(valid);
        f.check(name + " #" + i + " (seed " + seed + ", " + mu.what() + ")",
            () -> decode(codec, mu.bytes(), raw, checksummed));
      }
      f.assertClean();
    }
  }

  private static void decode(Codec codec, byte[] input, byte[] raw, boolean checksummed) {
    byte[] out = codec.decode(input, raw.length);
    if (out.length != raw.length) {
      throw new AssertionError("decoded " + out.length + " bytes, " + raw.length + " expected");
    }
    if (checksummed && !Arrays.equals(out, raw)) {
      throw new AssertionError("checksummed stream decoded to other bytes without an error");
    }
  }
}
