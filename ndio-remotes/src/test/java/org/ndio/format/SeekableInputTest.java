package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel reads split into pieces still fill exactly the bytes asked for. */
class SeekableInputTest {

  @TempDir
  Path dir;

  @Test
  void readsSpanningManyPiecesAndTheEnd() throws Exception {
    byte[] file = new byte[3 * SeekableInput.CHANNEL_PIECE + 12345];
    new Random(7).nextBytes(file);
    Path p = Files.write(dir.resolve("f"), file);
    try (FileChannel ch = FileChannel.open(p)) {
      SeekableInput in = SeekableInput.of(ch);
      byte[] dst = new byte[file.length];
      int from = 777;
      int len = 2 * SeekableInput.CHANNEL_PIECE + 5;
      in.readFully(from, dst, 3, len);
      assertArrayEquals(Arrays.copyOfRange(file, from, from + len),
          Arrays.copyOfRange(dst, 3, 3 + len));
      assertTrue(dst[2] == 0 && dst[3 + len] == 0, "nothing outside the range is touched");
      EOFException e = assertThrows(EOFException.class,
          () -> in.readFully(file.length - 10, new byte[20], 0, 20));
      assertTrue(e.getMessage().contains("10 more bytes"), e.getMessage());
    }
  }
}
