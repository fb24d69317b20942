package org.ndio.serve.dvid;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.ndio.CorruptDataException;
import org.ndio.storage.Storage;
import org.ndio.volume.BoundingBox;

/**
 * The versioned counters of one voxel instance, kept in {@code state.json} beside its blocks:
 * the extents ({@code MinPoint}, {@code MaxPoint}, inclusive, set per node and inherited by
 * children, growing with every write as DVID's do), and for label instances the largest label
 * written per node, the repo-wide largest label and DVID's {@code NextLabel} counter.
 */
final class InstanceState {

  /** What is saved: per-node maps keyed by node UUID; labels as unsigned 64-bit values. */
  record Saved(Map<String, List<Long>> minPoint, Map<String, List<Long>> maxPoint,
      Map<String, Long> maxLabel, long maxRepoLabel, long nextLabel) {}

  private final Storage store;
  private final Map<String, List<Long>> minPoint;
  private final Map<String, List<Long>> maxPoint;
  private final Map<String, Long> maxLabel;
  private long maxRepoLabel;
  private long nextLabel;

  InstanceState(Storage store) {
    this.store = store;
    Saved s = store.read("state.json").map(this::parse)
        .orElse(new Saved(Map.of(), Map.of(), Map.of(), 0, 0));
    minPoint = new TreeMap<>(s.minPoint());
    maxPoint = new TreeMap<>(s.maxPoint());
    maxLabel = new TreeMap<>(s.maxLabel());
    maxRepoLabel = s.maxRepoLabel();
    nextLabel = s.nextLabel();
  }

  private Saved parse(byte[] bytes) {
    try {
      return Repos.JSON.readValue(bytes, Saved.class);
    } catch (IOException e) {
      throw new CorruptDataException(store.location() + "/state.json is not an instance state: "
          + e.getMessage(), e);
    }
  }

  private void save() {
    try {
      store.write("state.json", Repos.JSON.writeValueAsBytes(new Saved(minPoint, maxPoint,
          maxLabel, maxRepoLabel, nextLabel)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The extents at the first node of {@code chain}: its own, else its nearest ancestor's. */
  synchronized Optional<long[][]> extents(List<String> chain) {
    for (String node : chain) {
      if (minPoint.containsKey(node)) {
        return Optional.of(new long[][] {unbox(minPoint.get(node)), unbox(maxPoint.get(node))});
      }
    }
    return Optional.empty();
  }

  private static long[] unbox(List<Long> p) {
    return new long[] {p.get(0), p.get(1), p.get(2)};
  }

  /** Widens the node's extents to hold {@code box}, as every voxel POST does in DVID. */
  synchronized void grow(List<String> chain, BoundingBox box) {
    long[] lo = {box.x0(), box.y0(), box.z0()};
    long[] hi = {box.x1() - 1, box.y1() - 1, box.z1() - 1};
    Optional<long[][]> cur = extents(chain);
    if (cur.isPresent()) {
      long[][] c = cur.get();
      boolean changed = false;
      for (int i = 0; i < 3; i++) {
        changed |= lo[i] < c[0][i] || hi[i] > c[1][i];
        lo[i] = Math.min(lo[i], c[0][i]);
        hi[i] = Math.max(hi[i], c[1][i]);
      }
      if (!changed && minPoint.containsKey(chain.get(0))) {
        return;
      }
    }
    set(chain.get(0), lo, hi);
  }

  /** Replaces the node's extents ({@code POST .../extents}: "last one wins"). */
  synchronized void set(String node, long[] min, long[] max) {
    minPoint.put(node, List.of(min[0], min[1], min[2]));
    maxPoint.put(node, List.of(max[0], max[1], max[2]));
    save();
  }

  /** The largest label at the node: its own entry or any ancestor's, whichever is larger. */
  synchronized OptionalLong maxLabel(List<String> chain) {
    OptionalLong best = OptionalLong.empty();
    for (String node : chain) {
      Long m = maxLabel.get(node);
      if (m != null && (best.isEmpty() || Long.compareUnsigned(m, best.getAsLong()) > 0)) {
        best = OptionalLong.of(m);
      }
    }
    return best;
  }

  /** Records that labels up to {@code largest} were written at {@code node}. */
  synchronized void noteLabels(String node, long largest) {
    boolean changed = false;
    Long cur = maxLabel.get(node);
    if (cur == null || Long.compareUnsigned(largest, cur) > 0) {
      maxLabel.put(node, largest);
      changed = true;
    }
    if (Long.compareUnsigned(largest, maxRepoLabel) > 0) {
      maxRepoLabel = largest;
      changed = true;
    }
    if (changed) {
      save();
    }
  }

  /** What {@code GET nextlabel} answers. */
  synchronized long nextLabel() {
    return nextLabel == 0 ? maxRepoLabel + 1 : nextLabel + 1;
  }

  /** Reserves {@code n} labels repo-wide: {@code {first, last}}, both inclusive, as DVID. */
  synchronized long[] reserve(String node, long n) {
    if (n == 0) {
      throw DvidError.badRequest("cannot request 0 new labels, must be 1 or more");
    }
    long base = nextLabel != 0 ? nextLabel : maxRepoLabel;
    if (Long.compareUnsigned(n, -1L - base) >= 0) {
      throw DvidError.badRequest("allocating " + Long.toUnsignedString(n)
          + " new labels would overflow uint64 label space");
    }
    long first = base + 1;
    long last = base + n;
    if (nextLabel != 0) {
      nextLabel = last;
    } else {
      maxRepoLabel = last;
    }
    Long cur = maxLabel.get(node);
    if (cur == null || Long.compareUnsigned(last, cur) > 0) {
      maxLabel.put(node, last);
    }
    save();
    return new long[] {first, last};
  }

  synchronized Map<String, Long> maxLabels() {
    return Map.copyOf(maxLabel);
  }

  synchronized long maxRepoLabel() {
    return maxRepoLabel;
  }

  synchronized long nextLabelCounter() {
    return nextLabel;
  }
}
