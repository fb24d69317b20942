package org.ndio.ramon;

import java.util.Optional;
import java.util.Set;

/** A generic annotation (ndstore's "annotation", type 1): common fields and voxels only. */
public record Generic(RamonCommon common, Optional<RamonVoxels> voxels) implements RamonObject {
  public static Generic of(long id) {
    return new Generic(RamonCommon.of(id), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.GENERIC;
  }

  @Override
  public Generic withCommon(RamonCommon c) {
    return new Generic(c, voxels);
  }

  @Override
  public Generic withVoxels(Optional<RamonVoxels> v) {
    return new Generic(common, v);
  }

  @Override
  public Set<Long> links() {
    return Set.of();
  }
}
