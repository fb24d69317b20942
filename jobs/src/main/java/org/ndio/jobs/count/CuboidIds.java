package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scala.Tuple2;

/**
 * The final object ids of one cuboid's pieces: what a task writing that cuboid's labels needs,
 * and no more. Keys sorted, for a binary search. (A class rather than a record: Spark's Kryo
 * cannot write records, and these travel through a shuffle.)
 */
final class CuboidIds implements Serializable {

  private static final long serialVersionUID = 1L;

  static final CuboidIds NONE = new CuboidIds(new long[0], new long[0]);

  private final long[] keys;
  private final long[] ids;

  private CuboidIds(long[] keys, long[] ids) {
    this.keys = keys;
    this.ids = ids;
  }

  /** From (piece key, object id) pairs. */
  static CuboidIds of(Iterable<Tuple2<Long, Long>> pairs) {
    List<Tuple2<Long, Long>> all = new ArrayList<>();
    pairs.forEach(all::add);
    all.sort((a, b) -> Long.compare(a._1(), b._1()));
    long[] keys = new long[all.size()];
    long[] ids = new long[all.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = all.get(i)._1();
      ids[i] = all.get(i)._2();
    }
    return new CuboidIds(keys, ids);
  }

  /** The id of the piece {@code key}, 0 when its object was dropped or is not here. */
  long id(long key) {
    int i = Arrays.binarySearch(keys, key);
    return i >= 0 ? ids[i] : 0;
  }

  int size() {
    return keys.length;
  }
}
