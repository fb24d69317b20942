package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a creation body the way the service's Django REST Framework serializers do, and
 * words the failure as the service does: {@code "{}".format(serializer.errors)}, a Python dict
 * of {@code ErrorDetail} lists, sent as a 1003 error. Fields are checked in the serializer's
 * order, so the message lists them in that order too.
 */
final class Fields {

  private static final Pattern INTEGER = Pattern.compile("\\s*-?\\d+(\\.0*)?\\s*");

  private final JsonNode data;
  private final Map<String, String> errors = new LinkedHashMap<>();

  Fields(JsonNode data) {
    this.data = data;
  }

  private JsonNode value(String name) {
    JsonNode v = data.get(name);
    return v == null || v.isMissingNode() ? null : v;
  }

  private void fail(String field, String message, String code) {
    errors.putIfAbsent(field, "ErrorDetail(string=" + py(message) + ", code=" + py(code) + ")");
  }

  /** A char field: {@code fallback} when absent (null: required). */
  String text(String name, String fallback, int maxLength) {
    JsonNode v = value(name);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        fail(name, v == null ? "This field is required." : "This field may not be null.",
            v == null ? "required" : "null");
      }
      return fallback;
    }
    String s = v.asText();
    if (s.length() > maxLength) {
      fail(name, "Ensure this field has no more than " + maxLength + " characters.",
          "max_length");
    }
    return s;
  }

  /** An integer field: {@code fallback} when absent (null: required); {@code nullable} too. */
  Long integer(String name, Long fallback, boolean nullable) {
    JsonNode v = value(name);
    if (v == null) {
      if (fallback == null && !nullable) {
        fail(name, "This field is required.", "required");
      }
      return fallback;
    }
    if (v.isNull()) {
      if (!nullable) {
        fail(name, "This field may not be null.", "null");
      }
      return null;
    }
    String s = v.isNumber() ? v.asText() : v.isTextual() ? v.asText() : "";
    if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble())) {
      return (long) v.asDouble();
    }
    if (!v.isBoolean() && INTEGER.matcher(s).matches()) {
      try {
        return Long.parseLong(s.trim().replaceAll("\\.0*$", ""));
      } catch (NumberFormatException e) {
        // too large: invalid like any other non-integer
      }
    }
    fail(name, "A valid integer is required.", "invalid");
    return fallback;
  }

  /** A required float field. */
  Double number(String name) {
    JsonNode v = value(name);
    if (v == null || v.isNull()) {
      fail(name, v == null ? "This field is required." : "This field may not be null.",
          v == null ? "required" : "null");
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    try {
      if (v.isTextual()) {
        return Double.parseDouble(v.asText().trim());
      }
    } catch (NumberFormatException e) {
      // invalid below
    }
    fail(name, "A valid number is required.", "invalid");
    return null;
  }

  /** A choice field: {@code fallback} when absent (null: required). */
  String choice(String name, String fallback, boolean nullable, Set<String> choices) {
    JsonNode v = value(name);
    if (v == null) {
      if (fallback == null && !nullable) {
        fail(name, "This field is required.", "required");
      }
      return fallback;
    }
    if (v.isNull()) {
      if (!nullable) {
        fail(name, "This field may not be null.", "null");
      }
      return null;
    }
    String s = v.asText();
    if (!choices.contains(s)) {
      fail(name, "\"" + s + "\" is not a valid choice.", "invalid_choice");
    }
    return s;
  }

  /** A boolean field, false when absent. */
  boolean bool(String name) {
    JsonNode v = value(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
    if (Set.of("true", "1", "yes", "on").contains(s)) {
      return true;
    }
    if (!Set.of("false", "0", "no", "off").contains(s)) {
      fail(name, "Must be a valid boolean.", "invalid");
    }
    return false;
  }

  /** A failed uniqueness check of one field ("X with this name already exists."). */
  void notUnique(String field, String message) {
    fail(field, message, "unique");
  }

  /** An error of a custom validation (the service raises these with code 'invalid'). */
  void invalid(String field, String message) {
    fail(field, message, "invalid");
  }

  /** Throws the service's 1003 error if any field failed. */
  void check() {
    if (errors.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("{");
    errors.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(py(k)).append(": [")
        .append(v).append(']'));
    throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, b.append('}').toString());
  }

  /** Python's {@code repr} of a string. */
  static String py(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == q) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append(q).toString();
  }
}
