package org.ndio.ramon.io;

import java.util.ArrayList;
import java.util.List;
import org.ndio.ramon.SynapseLink;

/**
 * A synapse's links as ndstore's three id lists: {@code segments} (direction unknown),
 * {@code presegments} and {@code postsegments}; a bidirectional link is in both of the last.
 */
record SynapseLists(List<Long> unknown, List<Long> pre, List<Long> post) {

  static SynapseLists of(List<SynapseLink> links) {
    List<Long> unknown = new ArrayList<>();
    List<Long> pre = new ArrayList<>();
    List<Long> post = new ArrayList<>();
    for (SynapseLink l : links) {
      switch (l.direction()) {
        case UNKNOWN -> unknown.add(l.segment());
        case PRE -> pre.add(l.segment());
        case POST -> post.add(l.segment());
        case BIDIRECTIONAL -> {
          pre.add(l.segment());
          post.add(l.segment());
        }
        default -> throw new IllegalStateException("unknown direction " + l.direction());
      }
    }
    return new SynapseLists(List.copyOf(unknown), List.copyOf(pre), List.copyOf(post));
  }
}
