package org.ndio.ramon.io;

import java.util.function.Predicate;
import org.ndio.RamonException;
import org.ndio.ramon.RamonType;

/**
 * How a reader maps integer type codes to types. ndstore and the original Python ndio (and
 * CAJAL) agree on 1 to 6 but not on 7 and 8: the server's node and skeleton are the original
 * client's attributed region and volume, and the server's 9 (ROI) is unknown to the client.
 */
public enum TypeCodes {
  /** ndstore's numbering only: 7 node, 8 skeleton, 9 ROI. */
  SERVER,
  /** The original client's only: 7 attributed region, 8 volume; 9 is refused. */
  LEGACY,
  /**
   * Either, decided by the object's fields (the default): 7 is a node when any node field is
   * present (ndstore always writes them) and an attributed region otherwise; 8 is a skeleton
   * when a skeleton field is present and a volume otherwise.
   */
  DETECT;

  /**
   * The type coded {@code code}; {@code hasFields} says whether the object holds any field of
   * the type it names (asked only for the ambiguous codes).
   */
  RamonType resolve(long code, Predicate<RamonType> hasFields, String where) {
    if (code < 0 || code > Integer.MAX_VALUE) {
      throw new RamonException(where + ": unknown RAMON type code " + code);
    }
    int c = (int) code;
    try {
      return switch (this) {
        case SERVER -> RamonType.ofServerCode(c);
        case LEGACY -> RamonType.ofLegacyCode(c);
        case DETECT -> {
          if (c == 7) {
            yield hasFields.test(RamonType.NODE) ? RamonType.NODE : RamonType.ATTRIBUTED_REGION;
          }
          if (c == 8) {
            yield hasFields.test(RamonType.SKELETON) ? RamonType.SKELETON : RamonType.VOLUME;
          }
          yield RamonType.ofServerCode(c);
        }
      };
    } catch (RamonException e) {
      throw new RamonException(where + ": " + e.getMessage(), e);
    }
  }
}
