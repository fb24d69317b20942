package org.ndio.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ndio.testing.Python;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Shared pieces of the format tests: Python's answers as JSON, and test volumes. */
public final class Fixtures {

  /**
   * Python helpers every script gets: {@code crc(a)} is zlib's CRC-32 of the C-order
   * little-endian bytes of {@code a}, what {@link Volume#checksum()} computes.
   */
  public static final String PRELUDE = String.join("\n",
      "import json, sys, zlib",
      "import numpy as np",
      "def crc(a):",
      "    a = np.ascontiguousarray(a)",
      "    return zlib.crc32(a.astype(a.dtype.newbyteorder('<'), copy=False).tobytes())",
      "");

  // Python's json module writes NaN and Infinity for such floats.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private Fixtures() {}

  /** Runs {@code PRELUDE + script} and parses the JSON it prints last. */
  public static JsonNode python(String script, Path... args) {
    String[] a = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      a[i] = args[i].toString();
    }
    String out = Python.run(PRELUDE + script, a).strip();
    String last = out.substring(out.lastIndexOf('\n') + 1);
    try {
      return JSON.readTree(last);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("python printed no JSON: " + out, e);
    }
  }

  /** Unsigned CRC as Python prints it. */
  public static long crc(JsonNode n) {
    return n.asLong();
  }
}
