package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.ndio.CorruptDataException;

/** Field access for the service's JSON answers, failing with a message naming the field. */
final class BossJson {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private BossJson() {}

  /** Parses an answer body that must be a JSON object. */
  static JsonNode object(byte[] body, String what) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new CorruptDataException(what + ": the answer is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new CorruptDataException(what + ": the answer is not JSON (" + e.getMessage() + ")",
          e);
    }
  }

  static JsonNode field(JsonNode n, String name, String what) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new CorruptDataException(what + ": the answer lacks '" + name + "'");
    }
    return v;
  }

  static String text(JsonNode n, String name, String what) {
    return field(n, name, what).asText();
  }

  static String textOr(JsonNode n, String name, String fallback) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  static long integer(JsonNode n, String name, String what) {
    JsonNode v = field(n, name, what);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new CorruptDataException(what + ": '" + name + "' is not an integer: " + v);
    }
  }

  static long integerOr(JsonNode n, String name, long fallback, String what) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? fallback : integer(n, name, what);
  }

  static double number(JsonNode n, String name, String what) {
    JsonNode v = field(n, name, what);
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      return Double.parseDouble(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new CorruptDataException(what + ": '" + name + "' is not a number: " + v);
    }
  }

  /** A list of strings; absent or null is empty. */
  static List<String> strings(JsonNode n, String name, String what) {
    JsonNode v = n.get(name);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new CorruptDataException(what + ": '" + name + "' is not a list: " + v);
    }
    v.forEach(e -> out.add(e.asText()));
    return out;
  }
}
