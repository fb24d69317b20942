package org.ndio.ramon.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class KeyValueCsvTest {

  @Property(tries = 300)
  void anyPairsRoundTrip(@ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 12)
      @Chars({',', '"', '\r', '\n', ' ', 'é', '✓'}) @CharRange(from = 'a', to = 'c') String,
      @StringLength(max = 12) @Chars({',', '"', '\r', '\n', ' ', '\t'})
      @CharRange(from = 'x', to = 'z') String> pairs) {
    assertEquals(pairs, KeyValueCsv.read(KeyValueCsv.write(pairs), "t"));
  }

  @Test
  void readsWhatPythonsCsvWriterAndTheOriginalClientWrote() {
    Map<String, String> want = new LinkedHashMap<>();
    want.put("a", "1");
    want.put("b c", "x\"y");
    want.put("d", "");
    assertEquals(want, KeyValueCsv.read("a,1\r\nb c,\"x\"\"y\"\r\nd,\r\n", "t"));
    assertEquals(want, KeyValueCsv.read("a,1\nb c,\"x\"\"y\"\nd,", "t"));
    assertEquals(Map.of(), KeyValueCsv.read("", "t"));
    assertEquals(Map.of("k", "v"), KeyValueCsv.read("\r\n\r\nk,v\r\n\r\n", "t"));
  }
}
