package org.ndio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The register-transpose shuffles against the layouts written as plain loops straight from
 * the format description (byte j of element i at j * n + i; bit b of that byte at row
 * 8 * j + b, bit i % 8 of byte i / 8). python-blosc confirms the layouts in
 * {@link BloscPythonCrossCheckTest}.
 */
class ShuffleTest {

  private static byte[] random(int len, long seed) {
    byte[] b = new byte[len];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static byte[] naiveShuffle(int ts, byte[] src) {
    int n = src.length / ts;
    byte[] out = src.clone();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ts; j++) {
        out[j * n + i] = src[i * ts + j];
      }
    }
    return out;
  }

  private static byte[] naiveBitShuffle(int ts, byte[] src) {
    int n = src.length / ts;
    if (n % 8 != 0) {
      return src.clone();
    }
    byte[] out = src.clone();
    Arrays.fill(out, 0, n * ts, (byte) 0);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ts; j++) {
        for (int b = 0; b < 8; b++) {
          int bit = (src[i * ts + j] >>> b) & 1;
          int row = 8 * j + b;
          out[row * (n / 8) + i / 8] |= (byte) (bit << (i % 8));
        }
      }
    }
    return out;
  }

  @Property(tries = 300)
  void byteShuffleMatchesDefinition(@ForAll @IntRange(min = 1, max = 40) int ts,
      @ForAll @IntRange(min = 0, max = 3000) int len, @ForAll long seed) {
    byte[] src = random(len, seed);
    byte[] out = new byte[len + 5];
    Shuffle.shuffle(ts, src, 0, len, out, 5);
    assertArrayEquals(naiveShuffle(ts, src), Arrays.copyOfRange(out, 5, len + 5));
    byte[] back = new byte[len + 3];
    Shuffle.unshuffle(ts, out, 5, len, back, 3);
    assertArrayEquals(src, Arrays.copyOfRange(back, 3, len + 3));
  }

  @Property(tries = 300)
  void bitShuffleMatchesDefinition(@ForAll @IntRange(min = 1, max = 70) int ts,
      @ForAll @IntRange(min = 0, max = 4000) int len, @ForAll long seed) {
    byte[] src = random(len, seed);
    byte[] out = new byte[len + 7];
    byte[] tmp = new byte[len];
    Shuffle.bitShuffle(ts, src, 0, len, out, 7, tmp);
    assertArrayEquals(naiveBitShuffle(ts, src), Arrays.copyOfRange(out, 7, len + 7));
    byte[] back = new byte[len];
    Shuffle.bitUnshuffle(ts, out, 7, len, back, 0, tmp);
    assertArrayEquals(src, back);
  }

  /**
   * Blocks of the sizes c-blosc uses for bit shuffle (up to a MiB of 8-byte elements: planes
   * whose rows run many 8-byte groups, with a short group at the end), at odd offsets and
   * with trailing bytes, with {@code tmp} exactly the block's size.
   */
  @Property(tries = 60)
  void bitUnshuffleOfLargeBlocksUndoesDefinition(
      @ForAll @IntRange(min = 0, max = 6) int which, @ForAll @IntRange(min = 0, max = 140_000)
      int elements, @ForAll long seed) {
    int ts = new int[] {1, 2, 3, 4, 8, 16, 8}[which];
    int len = elements * ts + (int) Math.floorMod(seed, ts); // trailing bytes too
    byte[] src = random(len, seed);
    byte[] shuffled = naiveBitShuffle(ts, src);
    byte[] in = new byte[len + 3];
    System.arraycopy(shuffled, 0, in, 3, len);
    byte[] back = new byte[len + 9];
    Shuffle.bitUnshuffle(ts, in, 3, len, back, 9, new byte[len]);
    assertArrayEquals(src, Arrays.copyOfRange(back, 9, len + 9));
  }
}
