package org.ndio.remote.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repo as {@code GET /api/repo/{uuid}/info} describes it: root UUID, alias, description, the
 * nodes of its version DAG by UUID and its data instances by name (their extents as seen at
 * the leaf of the master branch).
 */
public record DvidRepo(String root, String alias, String description,
    Map<String, DvidNode> nodes, Map<String, DvidInstance> instances) {

  public DvidRepo {
    nodes = Map.copyOf(nodes);
    instances = Map.copyOf(instances);
  }

  static DvidRepo fromJson(JsonNode r) {
    Map<String, DvidNode> nodes = new TreeMap<>();
    r.path("DAG").path("Nodes").fields()
        .forEachRemaining(e -> nodes.put(e.getKey(), DvidNode.fromJson(e.getValue())));
    Map<String, DvidInstance> instances = new TreeMap<>();
    r.path("DataInstances").fields()
        .forEachRemaining(e -> instances.put(e.getKey(), DvidInstance.fromInfo(e.getValue())));
    return new DvidRepo(r.path("Root").asText(), r.path("Alias").asText(""),
        r.path("Description").asText(""), nodes, instances);
  }

  /** The newest node of the master branch (branch {@code ""}): the one to read by default. */
  public Optional<DvidNode> masterLeaf() {
    for (DvidNode n : nodes.values()) {
      if (!n.branch().isEmpty()) {
        continue;
      }
      boolean continued = n.children().stream().anyMatch(c -> nodes.values().stream()
          .anyMatch(m -> m.versionId() == c && m.branch().isEmpty()));
      if (!continued) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }
}
