package org.ndio.ramon;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A neuron: the segments that name it (derived by ndstore from each segment's {@code neuron}
 * field; a server ignores them on post). Its voxels are its segments' voxels.
 */
public record Neuron(RamonCommon common, List<Long> segments, Optional<RamonVoxels> voxels)
    implements RamonObject {

  public Neuron {
    segments = RamonObject.ids("neuron " + common.id() + " segments", segments);
  }

  public static Neuron of(long id) {
    return new Neuron(RamonCommon.of(id), List.of(), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.NEURON;
  }

  @Override
  public Neuron withCommon(RamonCommon c) {
    return new Neuron(c, segments, voxels);
  }

  @Override
  public Neuron withVoxels(Optional<RamonVoxels> v) {
    return new Neuron(common, segments, v);
  }

  @Override
  public Set<Long> links() {
    return Set.of();
  }
}
