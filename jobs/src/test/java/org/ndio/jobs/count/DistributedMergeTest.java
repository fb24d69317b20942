package org.ndio.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ndio.spark.SparkExtension;
import scala.Tuple2;

/**
 * Both seam merges against a breadth-first search of the same graphs: every node that is not
 * the smallest of its component maps to that smallest key, on graphs that are hard for
 * propagation (a long path with its keys shuffled, a star around its largest key) and on
 * random forests of many components.
 */
@ExtendWith(SparkExtension.class)
class DistributedMergeTest {

  /** The smallest key of each node's component, for the nodes that are not that key. */
  static Map<Long, Long> truth(List<Tuple2<Long, Long>> pairs) {
    Map<Long, List<Long>> adj = new HashMap<>();
    for (Tuple2<Long, Long> p : pairs) {
      adj.computeIfAbsent(p._1(), k -> new ArrayList<>()).add(p._2());
      adj.computeIfAbsent(p._2(), k -> new ArrayList<>()).add(p._1());
    }
    Map<Long, Long> out = new HashMap<>();
    Map<Long, Boolean> seen = new HashMap<>();
    for (Long start : adj.keySet()) {
      if (seen.containsKey(start)) {
        continue;
      }
      List<Long> comp = new ArrayList<>();
      ArrayDeque<Long> todo = new ArrayDeque<>(List.of(start));
      seen.put(start, true);
      while (!todo.isEmpty()) {
        Long u = todo.poll();
        comp.add(u);
        for (Long v : adj.get(u)) {
          if (seen.putIfAbsent(v, true) == null) {
            todo.add(v);
          }
        }
      }
      long min = Collections.min(comp);
      comp.stream().filter(k -> k != min).forEach(k -> out.put(k, min));
    }
    return out;
  }

  static List<Long> keys(Random rnd, int n) {
    List<Long> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(((long) rnd.nextInt(1 << 20) << 32) | i); // distinct, in no useful order
    }
    Collections.shuffle(keys, rnd);
    return keys;
  }

  static Map<String, List<Tuple2<Long, Long>>> graphs() {
    Random rnd = new Random(11);
    Map<String, List<Tuple2<Long, Long>>> g = new HashMap<>();
    List<Long> path = keys(rnd, 2000);
    List<Tuple2<Long, Long>> p = new ArrayList<>();
    for (int i = 1; i < path.size(); i++) {
      p.add(new Tuple2<>(path.get(i - 1), path.get(i)));
    }
    g.put("shuffled path", p);
    List<Tuple2<Long, Long>> sorted = new ArrayList<>();
    for (long i = 1; i < 1000; i++) {
      sorted.add(new Tuple2<>(i + 1, i)); // the smallest key at one end: propagation's worst
    }
    g.put("sorted path", sorted);
    List<Tuple2<Long, Long>> star = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      star.add(new Tuple2<>(1000L, i));
    }
    g.put("star around the largest", star);
    List<Long> nodes = keys(rnd, 1500);
    List<Tuple2<Long, Long>> forest = new ArrayList<>();
    for (int i = 1; i < nodes.size(); i++) {
      if (rnd.nextInt(10) < 7) { // about 450 trees
        forest.add(new Tuple2<>(nodes.get(i), nodes.get(rnd.nextInt(i))));
      }
    }
    g.put("random forest", forest);
    g.put("no pairs", List.of());
    return g;
  }

  @Test
  void bothMergesFindEachComponentsSmallestKey(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    graphs().forEach((name, pairs) -> {
      Map<Long, Long> want = truth(pairs);
      assertEquals(want, DriverMerge.roots(pairs), name + " on the driver");
      DistributedMerge d = DistributedMerge.of(jsc.parallelizePairs(pairs, 3), pairs.size());
      assertEquals(want, new HashMap<>(d.roots().collectAsMap()), name + " distributed");
      SeamStats s = d.stats();
      assertEquals("distributed", s.merge());
      assertEquals(0, s.driverEntries(), name);
      assertEquals(pairs.size(), s.pairs(), name);
      long nodes = want.size() + want.values().stream().distinct().count();
      assertEquals(nodes, s.crossingPieces(), name);
      // Large-star/small-star needs O(log^2 n) rounds; propagation would need ~n here.
      assertTrue(s.rounds() <= 40, name + ": " + s.rounds() + " rounds");
    });
  }
}
