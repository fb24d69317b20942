package org.ndio.remote.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a repo's DAG: its UUID, server-local version id, branch ({@code ""} for
 * master), note, whether it is committed (read-only) and its parents and children by version
 * id.
 */
public record DvidNode(String uuid, long versionId, String branch, String note, boolean locked,
    List<Long> parents, List<Long> children) {

  public DvidNode {
    parents = List.copyOf(parents);
    children = List.copyOf(children);
  }

  static DvidNode fromJson(JsonNode n) {
    return new DvidNode(n.path("UUID").asText(), n.path("VersionID").asLong(),
        n.path("Branch").asText(""), n.path("Note").asText(""), n.path("Locked").asBoolean(),
        longs(n.path("Parents")), longs(n.path("Children")));
  }

  private static List<Long> longs(JsonNode a) {
    List<Long> out = new ArrayList<>();
    a.forEach(x -> out.add(x.asLong()));
    return out;
  }
}
