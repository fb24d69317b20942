package org.ndio.ramon;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A segment: a piece of one neuron. {@code synapses} and {@code organelles} are derived by
 * ndstore from the synapses and organelles that name this segment; a client reads them but a
 * server ignores them on post.
 */
public record Segment(RamonCommon common, SegmentClass segmentClass, long parentSeed,
    long neuron, List<Long> synapses, List<Long> organelles, Optional<RamonVoxels> voxels)
    implements RamonObject {

  public Segment {
    Objects.requireNonNull(segmentClass, "segmentClass");
    RamonObject.link("segment " + common.id() + " parent seed", parentSeed);
    RamonObject.link("segment " + common.id() + " neuron", neuron);
    synapses = RamonObject.ids("segment " + common.id() + " synapses", synapses);
    organelles = RamonObject.ids("segment " + common.id() + " organelles", organelles);
  }

  public static Segment of(long id) {
    return new Segment(RamonCommon.of(id), SegmentClass.UNKNOWN, 0, 0, List.of(), List.of(),
        Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.SEGMENT;
  }

  @Override
  public Segment withCommon(RamonCommon c) {
    return new Segment(c, segmentClass, parentSeed, neuron, synapses, organelles, voxels);
  }

  @Override
  public Segment withVoxels(Optional<RamonVoxels> v) {
    return new Segment(common, segmentClass, parentSeed, neuron, synapses, organelles, v);
  }

  @Override
  public Set<Long> links() {
    Set<Long> s = new HashSet<>();
    if (parentSeed != 0) {
      s.add(parentSeed);
    }
    if (neuron != 0) {
      s.add(neuron);
    }
    return Set.copyOf(s);
  }
}
