package org.ndio.format.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The metadata checksum against the known answers published with lookup3.c's driver. */
class Hdf5ChecksumTest {

  @Test
  void lookup3HashLittleKnownAnswers() {
    assertEquals(0xdeadbeef, Hdf5Checksum.of(new byte[0]));
    assertEquals(0x17770551, Hdf5Checksum.of(
        "Four score and seven years ago".getBytes(StandardCharsets.US_ASCII)));
  }
}
