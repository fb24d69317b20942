package org.ndio.serve.neurodata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as ndstore's Python 2 wrote it with {@code json.dumps(obj, sort_keys=True, indent=4)}:
 * keys sorted, four-space indents, items separated by {@code ", "} (so lines end in a space),
 * {@code ": "} after keys, floats as Python's {@code repr}, non-ASCII escaped.
 */
final class PyJson {

  private PyJson() {}

  static String dumps(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String s) {
      string(b, s);
    } else if (v instanceof Boolean t) {
      b.append(t ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      b.append(repr(((Number) v).doubleValue()));
    } else if (v instanceof Number n) {
      b.append(n.longValue());
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      b.append("{");
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        b.append(first ? "" : ", ");
        first = false;
        newline(b, depth + 1);
        string(b, e.getKey());
        b.append(": ");
        write(b, e.getValue(), depth + 1);
      }
      newline(b, depth);
      b.append("}");
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ", ");
        newline(b, depth + 1);
        write(b, l.get(i), depth + 1);
      }
      newline(b, depth);
      b.append("]");
    } else {
      throw new IllegalArgumentException("not JSON: " + v.getClass());
    }
  }

  private static void newline(StringBuilder b, int depth) {
    b.append('\n').append(" ".repeat(4 * depth));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  /** Python's {@code repr} of a float: shortest round-trip digits, exponent beyond 1e16. */
  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d));
    double a = Math.abs(d);
    if (a >= 1e-4 && a < 1e16) {
      String s = exact.toPlainString();
      return s.contains(".") ? s : s + ".0";
    }
    String s = Double.toString(d); // e.g. 1.0E-5
    int e = s.indexOf('E');
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    int exp = Integer.parseInt(s.substring(e + 1));
    return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
  }
}
