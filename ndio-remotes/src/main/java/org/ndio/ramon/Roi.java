package org.ndio.ramon;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A region of interest, nested in a {@code parent} region (0: none); {@code children} are
 * derived by ndstore from other regions' {@code parent} fields.
 */
public record Roi(RamonCommon common, long parent, List<Long> children,
    Optional<RamonVoxels> voxels) implements RamonObject {

  public Roi {
    RamonObject.link("roi " + common.id() + " parent", parent);
    children = RamonObject.ids("roi " + common.id() + " children", children);
  }

  public static Roi of(long id) {
    return new Roi(RamonCommon.of(id), 0, List.of(), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.ROI;
  }

  @Override
  public Roi withCommon(RamonCommon c) {
    return new Roi(c, parent, children, voxels);
  }

  @Override
  public Roi withVoxels(Optional<RamonVoxels> v) {
    return new Roi(common, parent, children, v);
  }

  @Override
  public Set<Long> links() {
    return parent == 0 ? Set.of() : Set.of(parent);
  }
}
