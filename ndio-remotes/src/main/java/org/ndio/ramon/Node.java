package org.ndio.ramon;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A skeleton node. {@code parent} is the node above it (0: a root), {@code skeleton} the
 * skeleton it belongs to; {@code children} are derived by ndstore from other nodes'
 * {@code parent} fields.
 */
public record Node(RamonCommon common, int nodeType, long skeleton, long parent, double radius,
    Optional<Location> location, List<Long> children, Optional<RamonVoxels> voxels)
    implements RamonObject {

  public Node {
    RamonObject.link("node " + common.id() + " skeleton", skeleton);
    RamonObject.link("node " + common.id() + " parent", parent);
    if (!Double.isFinite(radius) || radius < 0) {
      throw new org.ndio.RamonException("node " + common.id() + ": radius " + radius
          + " must be a finite number of 0 or more");
    }
    children = RamonObject.ids("node " + common.id() + " children", children);
  }

  public static Node of(long id) {
    return new Node(RamonCommon.of(id), 0, 0, 0, 0, Optional.empty(), List.of(),
        Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.NODE;
  }

  @Override
  public Node withCommon(RamonCommon c) {
    return new Node(c, nodeType, skeleton, parent, radius, location, children, voxels);
  }

  @Override
  public Node withVoxels(Optional<RamonVoxels> v) {
    return new Node(common, nodeType, skeleton, parent, radius, location, children, v);
  }

  @Override
  public Set<Long> links() {
    Set<Long> s = new HashSet<>();
    if (skeleton != 0) {
      s.add(skeleton);
    }
    if (parent != 0) {
      s.add(parent);
    }
    return Set.copyOf(s);
  }
}
