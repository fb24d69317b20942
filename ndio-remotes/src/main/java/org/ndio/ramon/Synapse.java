package org.ndio.ramon;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A synapse: its type and weight, the segments it joins, the seeds it grew from. */
public record Synapse(RamonCommon common, SynapseType synapseType, double weight,
    List<SynapseLink> segments, List<Long> seeds, Optional<Point3> centroid,
    Optional<RamonVoxels> voxels) implements RamonObject {

  public Synapse {
    Objects.requireNonNull(synapseType, "synapseType");
    if (!Double.isFinite(weight)) {
      throw new org.ndio.RamonException("synapse " + common.id() + ": weight " + weight
          + " is not a finite number");
    }
    segments = List.copyOf(segments);
    seeds = RamonObject.ids("synapse " + common.id() + " seeds", seeds);
  }

  public static Synapse of(long id) {
    return new Synapse(RamonCommon.of(id), SynapseType.UNKNOWN, 0, List.of(), List.of(),
        Optional.empty(), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.SYNAPSE;
  }

  @Override
  public Synapse withCommon(RamonCommon c) {
    return new Synapse(c, synapseType, weight, segments, seeds, centroid, voxels);
  }

  @Override
  public Synapse withVoxels(Optional<RamonVoxels> v) {
    return new Synapse(common, synapseType, weight, segments, seeds, centroid, v);
  }

  @Override
  public Set<Long> links() {
    Set<Long> s = new HashSet<>(seeds);
    segments.forEach(l -> s.add(l.segment()));
    return Set.copyOf(s);
  }
}
