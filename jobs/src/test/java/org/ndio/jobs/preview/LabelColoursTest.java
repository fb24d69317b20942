package org.ndio.jobs.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.ndio.testing.Python;

class LabelColoursTest {

  @Test
  void coloursAreBrightSaturatedAndNeighbouringIdsFarApart() {
    Set<Integer> seen = new HashSet<>();
    int close = 0;
    for (long id = 1; id <= 5000; id++) {
      int c = LabelColours.rgb(id);
      int r = c >> 16 & 0xFF;
      int g = c >> 8 & 0xFF;
      int b = c & 0xFF;
      int max = Math.max(r, Math.max(g, b));
      int min = Math.min(r, Math.min(g, b));
      assertTrue(max >= 203, "brightness of " + id); // HSB brightness >= 0.8
      assertTrue(max - min >= 0.55 * max - 2, "saturation of " + id);
      seen.add(c);
      int n = LabelColours.rgb(id + 1);
      double d = Math.sqrt(Math.pow(r - (n >> 16 & 0xFF), 2)
          + Math.pow(g - (n >> 8 & 0xFF), 2) + Math.pow(b - (n & 0xFF), 2));
      if (d < 40) {
        close++;
      }
    }
    assertTrue(seen.size() > 4900, "distinct colours: " + seen.size());
    assertTrue(close < 5000 / 20, "neighbouring ids with close colours: " + close);
    assertEquals(LabelColours.rgb(-7), LabelColours.rgb(-7));
  }

  @Test
  void pythonsHsvFromTheSameHashGivesTheSameColours() {
    Python.require("colorsys");
    String script = String.join("\n",
        "import colorsys, sys",
        "M = (1 << 64) - 1",
        "def mix(i):",
        "    z = (i + 0x9E3779B97F4A7C15) & M",
        "    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M",
        "    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M",
        "    return z ^ (z >> 31)",
        "out = []",
        "for a in sys.argv[1:]:",
        "    h = mix(int(a) & M)",
        "    hue = (h & 0xFFFFF) / float(1 << 20)",
        "    s = 0.55 + 0.45 * ((h >> 20) & 0xFF) / 255",
        "    v = 0.8 + 0.2 * ((h >> 28) & 0xFF) / 255",
        "    r, g, b = (int(x * 255 + 0.5) for x in colorsys.hsv_to_rgb(hue, s, v))",
        "    out.append('%d,%d,%d' % (r, g, b))",
        "print(' '.join(out))");
    long[] ids = LongStream.concat(LongStream.rangeClosed(1, 200),
        LongStream.of(1L << 32, 123_456_789_012L, -1)).toArray();
    String[] args = LongStream.of(ids).mapToObj(Long::toString).toArray(String[]::new);
    String[] theirs = Python.run(script, args).strip().split(" ");
    assertEquals(ids.length, theirs.length);
    for (int i = 0; i < ids.length; i++) {
      int c = LabelColours.rgb(ids[i]);
      String[] p = theirs[i].split(",");
      // Java's HSB works in float, Python in double: a channel may differ by one level.
      assertTrue(Math.abs((c >> 16 & 0xFF) - Integer.parseInt(p[0])) <= 1
          && Math.abs((c >> 8 & 0xFF) - Integer.parseInt(p[1])) <= 1
          && Math.abs((c & 0xFF) - Integer.parseInt(p[2])) <= 1,
          "id " + ids[i] + ": ours " + Integer.toHexString(c) + ", python " + theirs[i]);
    }
  }
}
