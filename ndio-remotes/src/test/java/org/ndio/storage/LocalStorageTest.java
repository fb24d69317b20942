package org.ndio.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.ByteSlice;

/**
 * Blobs written from a slice of an array and read into a reused buffer hold exactly the bytes
 * the file system has (checked with {@link Files}, not with the storage itself), including
 * blobs larger than one channel piece.
 */
class LocalStorageTest {

  @TempDir
  Path dir;

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void aSliceIsWrittenWholeAndAlone() throws Exception {
    LocalStorage s = new LocalStorage(dir);
    byte[] big = random(3_000_007, 1); // more than one 1 MiB piece
    s.write("a/b/c", big, 5, big.length - 9);
    assertArrayEquals(Arrays.copyOfRange(big, 5, big.length - 4),
        Files.readAllBytes(dir.resolve("a/b/c")));
    s.write("a/b/c", big, 0, 0); // replaced by an empty blob
    assertEquals(0, Files.size(dir.resolve("a/b/c")));
    try (Stream<Path> left = Files.list(dir.resolve("a/b"))) {
      assertEquals(List.of(dir.resolve("a/b/c")), left.toList(), "no temporary file is left");
    }
  }

  @Test
  void aReadGoesIntoTheBufferWhereItFitsElseIntoANewArray() throws Exception {
    LocalStorage s = new LocalStorage(dir);
    byte[] large = random(2_500_000, 2);
    byte[] small = random(1000, 3);
    Files.write(dir.resolve("large"), large);
    Files.write(dir.resolve("small"), small);

    byte[] buffer = new byte[3_000_000];
    Arrays.fill(buffer, (byte) 0x5A);
    ByteSlice got = s.read("large", buffer).orElseThrow();
    assertSame(buffer, got.array());
    assertEquals(large.length, got.length());
    assertArrayEquals(large, got.toArray());
    assertEquals((byte) 0x5A, buffer[large.length], "bytes past the blob stay as they were");

    ByteSlice fresh = s.read("large", new byte[10]).orElseThrow();
    assertNotSame(buffer, fresh.array());
    assertArrayEquals(large, fresh.toArray());

    ByteSlice again = s.read("small", buffer).orElseThrow();
    assertSame(buffer, again.array());
    assertArrayEquals(small, again.toArray());
    assertArrayEquals(small, s.read("small").orElseThrow());
    assertEquals(Optional.empty(), s.read("missing", buffer));
    assertTrue(s.read("missing").isEmpty());
  }
}
