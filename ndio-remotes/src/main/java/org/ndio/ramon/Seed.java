package org.ndio.ramon;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A seed: a point from which a tracer grew an object. {@code parent} is the seed it came from
 * and {@code source} the annotation it came from (0: none); {@code cubeLocation} is ndstore's
 * code for where in its cube the seed lies.
 */
public record Seed(RamonCommon common, long parent, Optional<Point3> position, int cubeLocation,
    long source, Optional<RamonVoxels> voxels) implements RamonObject {

  public Seed {
    RamonObject.link("seed " + common.id() + " parent", parent);
    RamonObject.link("seed " + common.id() + " source", source);
  }

  public static Seed of(long id) {
    return new Seed(RamonCommon.of(id), 0, Optional.empty(), 0, 0, Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.SEED;
  }

  @Override
  public Seed withCommon(RamonCommon c) {
    return new Seed(c, parent, position, cubeLocation, source, voxels);
  }

  @Override
  public Seed withVoxels(Optional<RamonVoxels> v) {
    return new Seed(common, parent, position, cubeLocation, source, v);
  }

  @Override
  public Set<Long> links() {
    Set<Long> s = new HashSet<>();
    if (parent != 0) {
      s.add(parent);
    }
    if (source != 0) {
      s.add(source);
    }
    return Set.copyOf(s);
  }
}
