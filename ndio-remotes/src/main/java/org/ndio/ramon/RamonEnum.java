package org.ndio.ramon;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.ndio.RamonException;

/** A RAMON enumeration: a field whose stored form is a small integer code. */
public interface RamonEnum {
  /** The stored code. */
  int code();

  /** The constant of {@code type} coded {@code code}; a typed error naming {@code field}. */
  static <E extends Enum<E> & RamonEnum> E of(Class<E> type, int code, String field) {
    for (E e : type.getEnumConstants()) {
      if (e.code() == code) {
        return e;
      }
    }
    throw new RamonException("unknown " + field + " code " + code + " (known: "
        + Arrays.stream(type.getEnumConstants())
            .map(e -> e.code() + " " + e.name().toLowerCase(java.util.Locale.ROOT))
            .collect(Collectors.joining(", ")) + ")");
  }
}
