package org.ndio.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded damage to a JSON document that keeps it JSON: a value replaced by a huge, negative,
 * zero or fractional number, another type, a long string or deep nesting; a key removed; an
 * array emptied or doubled. Byte-level damage (from {@link Mutator}) is mixed in a quarter of
 * the time, for the parse errors.
 */
final class JsonMutator {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Mutator bytes;

  JsonMutator(long seed) {
    this.bytes = new Mutator(seed);
  }

  Mutator.Mutant next(byte[] valid) {
    if (bytes.nextInt(4) == 0) {
      return bytes.next(valid);
    }
    JsonNode root;
    try {
      root = JSON.readTree(valid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode c = containers.get(bytes.nextInt(containers.size()));
    String what;
    if (c instanceof ObjectNode o && o.size() > 0) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      String k = keys.get(bytes.nextInt(keys.size()));
      if (bytes.nextInt(6) == 0) {
        o.remove(k);
        what = "remove " + k;
      } else {
        JsonNode v = value();
        o.set(k, v);
        what = k + "=" + abbreviate(v.toString());
      }
    } else if (c instanceof ArrayNode a && a.size() > 0) {
      int i = bytes.nextInt(a.size());
      int kind = bytes.nextInt(5);
      if (kind == 0) {
        a.removeAll();
        what = "empty array";
      } else if (kind == 1) {
        a.addAll(a.deepCopy());
        what = "doubled array";
      } else {
        JsonNode v = value();
        a.set(i, v);
        what = "[" + i + "]=" + abbreviate(v.toString());
      }
    } else {
      what = "unchanged";
    }
    try {
      return new Mutator.Mutant(JSON.writeValueAsBytes(root), "json " + what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode value() {
    return switch (bytes.nextInt(16)) {
      case 0 -> F.numberNode(0);
      case 1 -> F.numberNode(-1);
      case 2 -> F.numberNode(Long.MAX_VALUE);
      case 3 -> F.numberNode(new BigInteger("18446744073709551616"));
      case 4 -> F.numberNode(1e300);
      case 5 -> F.numberNode(2.5);
      case 6 -> F.numberNode(Integer.MAX_VALUE);
      case 7 -> F.numberNode(1L << 31);
      case 8 -> F.textNode("../../../etc/passwd");
      case 9 -> F.textNode("x".repeat(5000));
      case 10 -> F.nullNode();
      case 11 -> F.booleanNode(true);
      case 12 -> F.arrayNode().add(1 << 20).add(1 << 20).add(1 << 20);
      case 13 -> F.objectNode().put("a", 1);
      case 14 -> {
        JsonNode n = F.arrayNode();
        for (int i = 0; i < 200; i++) {
          n = F.arrayNode().add(n);
        }
        yield n;
      }
      default -> F.textNode("");
    };
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.forEach(c -> collect(c, out));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
