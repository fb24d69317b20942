package org.ndio.ramon;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A skeleton: its type and root node; {@code nodes} are derived by ndstore from the nodes that
 * name this skeleton.
 */
public record Skeleton(RamonCommon common, int skeletonType, long rootNode, List<Long> nodes,
    Optional<RamonVoxels> voxels) implements RamonObject {

  public Skeleton {
    RamonObject.link("skeleton " + common.id() + " root node", rootNode);
    nodes = RamonObject.ids("skeleton " + common.id() + " nodes", nodes);
  }

  public static Skeleton of(long id) {
    return new Skeleton(RamonCommon.of(id), 0, 0, List.of(), Optional.empty());
  }

  @Override
  public RamonType type() {
    return RamonType.SKELETON;
  }

  @Override
  public Skeleton withCommon(RamonCommon c) {
    return new Skeleton(c, skeletonType, rootNode, nodes, voxels);
  }

  @Override
  public Skeleton withVoxels(Optional<RamonVoxels> v) {
    return new Skeleton(common, skeletonType, rootNode, nodes, v);
  }

  @Override
  public Set<Long> links() {
    return rootNode == 0 ? Set.of() : Set.of(rootNode);
  }
}
