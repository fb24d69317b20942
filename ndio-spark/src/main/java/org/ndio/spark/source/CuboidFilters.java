package org.ndio.spark.source;

import java.util.Arrays;
import java.util.function.LongPredicate;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.ndio.volume.BoundingBox;

/**
 * Filters on the coordinate columns, evaluated on each cuboid's box when the scan is planned:
 * cuboids a filter rejects become no partition at all, so their voxels are never fetched.
 * Evaluation is exact, so Spark need not apply these filters again.
 */
final class CuboidFilters {

  private CuboidFilters() {}

  /** Whether {@code f} refers only to coordinate columns with comparisons this class knows. */
  static boolean supported(Filter f) {
    if (f instanceof And a) {
      return supported(a.left()) && supported(a.right());
    }
    if (f instanceof Or o) {
      return supported(o.left()) && supported(o.right());
    }
    if (f instanceof Not n) {
      return supported(n.child());
    }
    if (f instanceof AlwaysTrue || f instanceof AlwaysFalse) {
      return true;
    }
    String column = column(f);
    if (column == null || !CuboidSchema.COORDINATES.contains(column)) {
      return false;
    }
    if (f instanceof In in) {
      return Arrays.stream(in.values()).allMatch(CuboidFilters::integral);
    }
    return f instanceof IsNull || f instanceof IsNotNull || integral(value(f));
  }

  private static boolean integral(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
  }

  /** Evaluates a {@link #supported} filter on a cuboid's box. */
  static boolean test(Filter f, BoundingBox b) {
    if (f instanceof And a) {
      return test(a.left(), b) && test(a.right(), b);
    }
    if (f instanceof Or o) {
      return test(o.left(), b) || test(o.right(), b);
    }
    if (f instanceof Not n) {
      return !test(n.child(), b);
    }
    if (f instanceof AlwaysTrue) {
      return true;
    }
    if (f instanceof AlwaysFalse || f instanceof IsNull) {
      return false; // coordinates are never null
    }
    if (f instanceof IsNotNull) {
      return true;
    }
    long v = coordinate(column(f), b);
    return predicate(f).test(v);
  }

  private static LongPredicate predicate(Filter f) {
    if (f instanceof In in) {
      long[] values = Arrays.stream(in.values()).mapToLong(o -> ((Number) o).longValue()).toArray();
      return v -> Arrays.stream(values).anyMatch(x -> x == v);
    }
    long c = ((Number) value(f)).longValue();
    if (f instanceof EqualTo || f instanceof EqualNullSafe) {
      return v -> v == c;
    }
    if (f instanceof GreaterThan) {
      return v -> v > c;
    }
    if (f instanceof GreaterThanOrEqual) {
      return v -> v >= c;
    }
    if (f instanceof LessThan) {
      return v -> v < c;
    }
    if (f instanceof LessThanOrEqual) {
      return v -> v <= c;
    }
    throw new IllegalArgumentException("not a supported filter: " + f);
  }

  private static String column(Filter f) {
    if (f instanceof EqualTo e) {
      return e.attribute();
    }
    if (f instanceof EqualNullSafe e) {
      return e.attribute();
    }
    if (f instanceof GreaterThan g) {
      return g.attribute();
    }
    if (f instanceof GreaterThanOrEqual g) {
      return g.attribute();
    }
    if (f instanceof LessThan l) {
      return l.attribute();
    }
    if (f instanceof LessThanOrEqual l) {
      return l.attribute();
    }
    if (f instanceof In in) {
      return in.attribute();
    }
    if (f instanceof IsNull n) {
      return n.attribute();
    }
    if (f instanceof IsNotNull n) {
      return n.attribute();
    }
    return null;
  }

  private static Object value(Filter f) {
    if (f instanceof EqualTo e) {
      return e.value();
    }
    if (f instanceof EqualNullSafe e) {
      return e.value();
    }
    if (f instanceof GreaterThan g) {
      return g.value();
    }
    if (f instanceof GreaterThanOrEqual g) {
      return g.value();
    }
    if (f instanceof LessThan l) {
      return l.value();
    }
    if (f instanceof LessThanOrEqual l) {
      return l.value();
    }
    return null;
  }

  private static long coordinate(String column, BoundingBox b) {
    return switch (column) {
      case CuboidSchema.X0 -> b.x0();
      case CuboidSchema.Y0 -> b.y0();
      case CuboidSchema.Z0 -> b.z0();
      case CuboidSchema.X1 -> b.x1();
      case CuboidSchema.Y1 -> b.y1();
      case CuboidSchema.Z1 -> b.z1();
      default -> throw new IllegalArgumentException("not a coordinate column: " + column);
    };
  }
}
