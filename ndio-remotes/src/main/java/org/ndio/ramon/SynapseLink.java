package org.ndio.ramon;

import java.io.Serializable;

/**
 * A segment a synapse joins, with the direction signal flows from that segment's side. ndstore
 * keeps them in three lists: {@code segments} (unknown direction), {@code presegments} and
 * {@code postsegments}; a bidirectional segment appears in both of the last two.
 */
public record SynapseLink(long segment, FlowDirection direction) implements Serializable {
  public SynapseLink {
    RamonObject.ids("synapse segment", java.util.List.of(segment));
    java.util.Objects.requireNonNull(direction, "direction");
  }
}
