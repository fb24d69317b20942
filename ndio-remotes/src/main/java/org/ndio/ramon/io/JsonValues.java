package org.ndio.ramon.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ndio.RamonException;
import org.ndio.ramon.Location;
import org.ndio.ramon.Point3;
import org.ndio.ramon.RamonObject;

/**
 * Field values of RAMON JSON, taken as leniently as ndstore takes them (numbers or their text,
 * a single id where a list is expected, coordinates as JSON text or an array) and refused with
 * a {@link RamonException} naming the field otherwise.
 */
final class JsonValues {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  static long integer(JsonNode v, String at) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isFloatingPointNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) < 1e15) {
      return (long) v.doubleValue();
    }
    if (v.isTextual() && v.textValue().strip().matches("-?\\d{1,18}")) {
      return Long.parseLong(v.textValue().strip());
    }
    throw new RamonException(at + " holds " + shown(v) + "; expected an integer");
  }

  static int code(JsonNode v, String at) {
    long c = integer(v, at);
    if (c < 0 || c > Integer.MAX_VALUE) {
      throw new RamonException(at + " holds " + c + "; expected a code of 0 or more");
    }
    return (int) c;
  }

  static double number(JsonNode v, String at) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        double d = Double.parseDouble(v.textValue().strip());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new RamonException(at + " holds " + shown(v) + "; expected a number");
  }

  static String text(JsonNode v, String at) {
    if (v.isTextual()) {
      return v.textValue();
    }
    throw new RamonException(at + " holds " + shown(v) + "; expected a string");
  }

  /** A key-value pair's value: a string, or a number or boolean as its text. */
  static String scalar(JsonNode v, String at) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    throw new RamonException(at + " holds " + shown(v) + "; key-value pairs hold text");
  }

  static long link(JsonNode v, String at) {
    long id = integer(v, at);
    if (id < 0 || id > RamonObject.MAX_ID) {
      throw new RamonException(at + " holds " + id + "; expected an id (0 for none)");
    }
    return id;
  }

  /** A list of ids: an array, or one id alone as ndstore also accepts. */
  static List<Long> ids(JsonNode v, String at) {
    List<Long> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        out.add(id(e, at));
      }
    } else {
      out.add(id(v, at));
    }
    return out;
  }

  private static long id(JsonNode e, String at) {
    long id = integer(e, at);
    if (id <= 0 || id > RamonObject.MAX_ID) {
      throw new RamonException(at + " holds " + id + "; expected ids (1 to "
          + RamonObject.MAX_ID + ")");
    }
    return id;
  }

  /** x,y,z as ndstore writes them: JSON text {@code "[1, 2, 3]"} or {@code "[]"} for none. */
  static Optional<Point3> point(JsonNode v, String at) {
    JsonNode a = array(v, at);
    if (a.size() == 0) {
      return Optional.empty();
    }
    long[] p = new long[3];
    for (int i = 0; i < 3; i++) {
      p[i] = integer(a.get(i), at);
      if (p[i] < 0 || p[i] > RamonObject.MAX_ID) {
        throw new RamonException(at + " holds " + p[i] + "; coordinates are 0 or more");
      }
    }
    return Optional.of(new Point3(p[0], p[1], p[2]));
  }

  static Optional<Location> location(JsonNode v, String at) {
    JsonNode a = array(v, at);
    if (a.size() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Location(number(a.get(0), at), number(a.get(1), at),
          number(a.get(2), at)));
    } catch (RamonException e) {
      throw e.getMessage().startsWith(at) ? e : new RamonException(at + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode array(JsonNode v, String at) {
    JsonNode a = v;
    if (v.isTextual()) {
      try {
        a = MAPPER.readTree(v.textValue());
      } catch (JsonProcessingException e) {
        a = null;
      }
    }
    if (a == null || !a.isArray() || !(a.size() == 0 || a.size() == 3)) {
      throw new RamonException(at + " holds " + shown(v) + "; expected [x, y, z] or []");
    }
    return a;
  }

  /** Python's json.dumps of a list of numbers: {@code [1, 2, 3]}. */
  static String dumps(List<?> values) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(values.get(i));
    }
    return b.append(']').toString();
  }

  static String shown(JsonNode v) {
    String s = v.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
