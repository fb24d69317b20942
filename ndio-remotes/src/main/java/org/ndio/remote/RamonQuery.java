package org.ndio.remote;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.ndio.RamonException;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.RamonType;
import org.ndio.ramon.Status;
import org.ndio.volume.BoundingBox;

/**
 * Which RAMON ids to list: every predicate given must hold (type, status, confidence strictly
 * above or below a bound, user key-value pairs equal), at most {@code limit} ids, and, with a
 * box, only objects with a voxel in it. {@link #ALL} lists every object.
 */
public record RamonQuery(Optional<RamonType> type, Optional<Status> status,
    OptionalDouble confidenceGt, OptionalDouble confidenceLt, Map<String, String> keyValues,
    OptionalInt limit, Optional<BoundingBox> box) {

  public static final RamonQuery ALL = new RamonQuery(Optional.empty(), Optional.empty(),
      OptionalDouble.empty(), OptionalDouble.empty(), Map.of(), OptionalInt.empty(),
      Optional.empty());

  public RamonQuery {
    keyValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyValues));
    if (limit.isPresent() && limit.getAsInt() < 0) {
      throw new RamonException("query limit must be 0 or more, got " + limit.getAsInt());
    }
    for (String k : keyValues.keySet()) {
      if (k.isEmpty()) {
        throw new RamonException("query key must not be empty");
      }
    }
  }

  public RamonQuery withType(RamonType t) {
    return new RamonQuery(Optional.of(t), status, confidenceGt, confidenceLt, keyValues, limit,
        box);
  }

  public RamonQuery withStatus(Status s) {
    return new RamonQuery(type, Optional.of(s), confidenceGt, confidenceLt, keyValues, limit,
        box);
  }

  public RamonQuery withConfidenceAbove(double c) {
    return new RamonQuery(type, status, OptionalDouble.of(c), confidenceLt, keyValues, limit,
        box);
  }

  public RamonQuery withConfidenceBelow(double c) {
    return new RamonQuery(type, status, confidenceGt, OptionalDouble.of(c), keyValues, limit,
        box);
  }

  public RamonQuery with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(keyValues);
    m.put(key, value);
    return new RamonQuery(type, status, confidenceGt, confidenceLt, m, limit, box);
  }

  public RamonQuery withLimit(int n) {
    return new RamonQuery(type, status, confidenceGt, confidenceLt, keyValues, OptionalInt.of(n),
        box);
  }

  public RamonQuery within(BoundingBox b) {
    return new RamonQuery(type, status, confidenceGt, confidenceLt, keyValues, limit,
        Optional.of(b));
  }

  /** Whether {@code o}'s metadata meets the predicates (the box and limit are not looked at). */
  public boolean matches(RamonObject o) {
    if (type.isPresent() && type.get() != o.type()) {
      return false;
    }
    if (status.isPresent() && status.get() != o.common().status()) {
      return false;
    }
    double c = o.common().confidence();
    if (confidenceGt.isPresent() && !(c > confidenceGt.getAsDouble())) {
      return false;
    }
    if (confidenceLt.isPresent() && !(c < confidenceLt.getAsDouble())) {
      return false;
    }
    for (Map.Entry<String, String> e : keyValues.entrySet()) {
      if (!e.getValue().equals(o.common().keyValues().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
