package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ndio.CorruptDataException;
import org.ndio.store.FileBytes;

/**
 * Runs of one file copied into runs of another, cut at different places on each side: the
 * target holds the source's bytes in order, checked against the same bytes moved by hand
 * between byte arrays.
 */
class ChannelCopyTest {

  @Property(tries = 40)
  void theTargetRunsHoldTheSourceRunsInOrder(@ForAll @IntRange(min = 0, max = 5000) int bytes,
      @ForAll @IntRange(min = 1, max = 6) int fromCuts, @ForAll @IntRange(min = 1, max = 6)
      int toCuts, @ForAll long seed) throws IOException {
    Random rnd = new Random(seed);
    byte[] src = new byte[bytes + 300];
    rnd.nextBytes(src);
    Path dir = Files.createTempDirectory("channel-copy");
    try {
      Path a = Files.write(dir.resolve("a"), src);
      Path b = dir.resolve("b");
      List<long[]> fromRuns = runs(bytes, fromCuts, rnd, src.length);
      List<long[]> toRuns = runs(bytes, toCuts, rnd, 2 * bytes + 500);
      byte[] expected = new byte[2 * bytes + 500];
      int i = 0;
      byte[] moved = new byte[bytes];
      for (long[] r : fromRuns) {
        System.arraycopy(src, (int) r[0], moved, i, (int) r[1]);
        i += (int) r[1];
      }
      i = 0;
      for (long[] r : toRuns) {
        System.arraycopy(moved, i, expected, (int) r[0], (int) r[1]);
        i += (int) r[1];
      }
      try (FileChannel in = FileChannel.open(a);
          FileChannel out = FileChannel.open(b, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ChannelCopy.copy(bytesOf("a", in, fromRuns), bytesOf("b", out, toRuns));
      }
      byte[] got = Arrays.copyOf(Files.readAllBytes(b), expected.length);
      assertArrayEquals(expected, got);
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /**
   * {@code bytes} cut into at most {@code cuts} runs, in increasing order at random gaps below
   * {@code limit}: each as {offset, length}.
   */
  private static List<long[]> runs(int bytes, int cuts, Random rnd, int limit) {
    TreeSet<Integer> at = new TreeSet<>(List.of(0, bytes));
    for (int k = 1; k < cuts; k++) {
      at.add(rnd.nextInt(bytes + 1));
    }
    List<Integer> ends = new ArrayList<>(at);
    int slack = limit - bytes;
    List<long[]> out = new ArrayList<>();
    long pos = 0;
    for (int k = 1; k < ends.size(); k++) {
      int len = ends.get(k) - ends.get(k - 1);
      int gap = rnd.nextInt(slack / cuts + 1);
      pos += gap;
      out.add(new long[] {pos, len});
      pos += len;
    }
    assertTrue(pos <= limit);
    return out;
  }

  private static List<FileBytes> bytesOf(String label, FileChannel ch, List<long[]> runs) {
    return runs.stream().map(r -> new FileBytes(label, ch, r[0], r[1])).toList();
  }

  @Property(tries = 1)
  void aSourceShorterThanItsRunIsCorruptDataNamingIt() throws IOException {
    Path dir = Files.createTempDirectory("channel-copy");
    Path a = Files.write(dir.resolve("a"), new byte[100]);
    Path b = dir.resolve("b");
    try (FileChannel in = FileChannel.open(a);
        FileChannel out = FileChannel.open(b, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      CorruptDataException e = assertThrows(CorruptDataException.class,
          () -> ChannelCopy.copy(List.of(new FileBytes("npy:/x.npy", in, 50, 80)),
              List.of(new FileBytes("b", out, 0, 80))));
      assertTrue(e.getMessage().startsWith("npy:/x.npy: data is truncated: the file ends at"
          + " byte 100"), e.getMessage());
    } finally {
      Files.deleteIfExists(b);
      Files.delete(a);
      Files.delete(dir);
    }
  }
}
