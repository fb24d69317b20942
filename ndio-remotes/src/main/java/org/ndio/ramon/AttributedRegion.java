package org.ndio.ramon;

import java.util.Optional;
import java.util.Set;

/**
 * An attributed region (the original ndio's and CAJAL's type 7): a region described only by its
 * key-value pairs. ndstore has no such type; ndio stores it there as a generic annotation
 * marked with {@link RamonType#TYPE_KEY}.
 */
public record AttributedRegion(RamonCommon common, Optional<RamonVoxels> voxels)
    implements RamonObject {
  public static AttributedRegion of(long id) {
    return new AttributedRegion(RamonCommon.of(id), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.ATTRIBUTED_REGION;
  }

  @Override
  public AttributedRegion withCommon(RamonCommon c) {
    return new AttributedRegion(c, voxels);
  }

  @Override
  public AttributedRegion withVoxels(Optional<RamonVoxels> v) {
    return new AttributedRegion(common, v);
  }

  @Override
  public Set<Long> links() {
    return Set.of();
  }
}
