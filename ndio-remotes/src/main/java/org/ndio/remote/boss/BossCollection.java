package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A BOSS collection, the top of the resource tree, as {@code GET /v1/collection/{name}/}
 * describes it.
 *
 * @param experiments the names of its experiments the caller may read
 * @param creator the user who created it
 */
public record BossCollection(String name, String description, boolean isPublic,
    List<String> experiments, String creator) {

  public BossCollection {
    experiments = List.copyOf(experiments);
  }

  /** A collection to create. */
  public static BossCollection of(String name, String description) {
    return new BossCollection(name, description, false, List.of(), "");
  }

  public static BossCollection fromJson(JsonNode n) {
    String what = "BOSS collection";
    return new BossCollection(BossJson.text(n, "name", what), BossJson.textOr(n, "description",
        ""), n.path("public").asBoolean(false), BossJson.strings(n, "experiments", what),
        BossJson.textOr(n, "creator", ""));
  }

  /** The body of {@code POST /v1/collection/{name}/}. */
  public ObjectNode toCreateJson() {
    return BossJson.MAPPER.createObjectNode().put("name", name).put("description", description);
  }

  /** The answer of {@code GET}, fields in the service's order. */
  public ObjectNode toJson() {
    ObjectNode n = BossJson.MAPPER.createObjectNode().put("name", name).put("public", isPublic)
        .put("description", description);
    experiments.forEach(n.putArray("experiments")::add);
    return n.put("creator", creator);
  }
}
