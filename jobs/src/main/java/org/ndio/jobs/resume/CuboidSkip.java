package org.ndio.jobs.resume;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Leaves the finished cuboids out of a read of the ndio source. The filter is on the cuboids'
 * corners, which the source evaluates when it plans the scan, so finished cuboids are never
 * read: one term per row of finished cuboids ({@code z0 = .. AND y0 = .. AND x0 IN (..)}),
 * joined in a balanced tree to keep the plan shallow however many there are.
 */
public final class CuboidSkip {

  private CuboidSkip() {}

  /** {@code rows} without the cuboids whose corners are the {@link Journal#key}s given. */
  public static Dataset<Row> apply(Dataset<Row> rows, List<String> done) {
    if (done.isEmpty()) {
      return rows;
    }
    Map<List<Long>, List<Object>> byRow = new TreeMap<>((a, b) -> {
      int c = Long.compare(a.get(0), b.get(0));
      return c != 0 ? c : Long.compare(a.get(1), b.get(1));
    });
    for (String k : done) {
      long[] c = Journal.corner(k);
      byRow.computeIfAbsent(List.of(c[2], c[1]), r -> new ArrayList<>()).add(c[0]);
    }
    List<Column> terms = new ArrayList<>();
    byRow.forEach((zy, xs) -> terms.add(col("z0").equalTo(zy.get(0))
        .and(col("y0").equalTo(zy.get(1))).and(col("x0").isin(xs.toArray()))));
    return rows.filter(not(any(terms, 0, terms.size())));
  }

  private static Column any(List<Column> terms, int from, int to) {
    if (to - from == 1) {
      return terms.get(from);
    }
    int mid = (from + to) >>> 1;
    return any(terms, from, mid).or(any(terms, mid, to));
  }
}
