package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A BOSS experiment ({@code GET /v1/collection/{c}/experiment/{e}/}): its coordinate frame and
 * resolution hierarchy, shared by its channels.
 *
 * @param hierarchyMethod {@code anisotropic} (levels halve x and y) or {@code isotropic} (levels
 *     halve x, y and z)
 * @param channels the names of its channels the caller may read
 */
public record BossExperiment(String name, String description, String collection,
    String coordFrame, int numHierarchyLevels, String hierarchyMethod, int numTimeSamples,
    OptionalLong timeStep, Optional<String> timeStepUnit, boolean isPublic,
    List<String> channels, String creator) {

  public BossExperiment {
    channels = List.copyOf(channels);
  }

  /** An experiment to create. */
  public static BossExperiment of(String name, String collection, String coordFrame,
      int numHierarchyLevels, String hierarchyMethod) {
    return new BossExperiment(name, "", collection, coordFrame, numHierarchyLevels,
        hierarchyMethod, 1, OptionalLong.empty(), Optional.empty(), false, List.of(), "");
  }

  public static BossExperiment fromJson(JsonNode n) {
    String w = "BOSS experiment";
    JsonNode step = n.get("time_step");
    JsonNode unit = n.get("time_step_unit");
    return new BossExperiment(BossJson.text(n, "name", w), BossJson.textOr(n, "description", ""),
        BossJson.textOr(n, "collection", ""), BossJson.text(n, "coord_frame", w),
        (int) BossJson.integerOr(n, "num_hierarchy_levels", 1, w),
        BossJson.textOr(n, "hierarchy_method", "anisotropic"),
        (int) BossJson.integerOr(n, "num_time_samples", 1, w),
        step == null || step.isNull() ? OptionalLong.empty() : OptionalLong.of(step.asLong()),
        unit == null || unit.isNull() ? Optional.empty() : Optional.of(unit.asText()),
        n.path("public").asBoolean(false), BossJson.strings(n, "channels", w),
        BossJson.textOr(n, "creator", ""));
  }

  public boolean isotropic() {
    return "isotropic".equals(hierarchyMethod);
  }

  /** The body of {@code POST /v1/collection/{c}/experiment/{e}/}, as intern sends it. */
  public ObjectNode toCreateJson() {
    ObjectNode n = BossJson.MAPPER.createObjectNode().put("name", name)
        .put("description", description).put("coord_frame", coordFrame)
        .put("num_hierarchy_levels", numHierarchyLevels).put("hierarchy_method", hierarchyMethod)
        .put("num_time_samples", numTimeSamples).put("collection", collection);
    putOptional(n);
    return n;
  }

  /** The answer of {@code GET}, fields in the service's order. */
  public ObjectNode toJson() {
    ObjectNode n = BossJson.MAPPER.createObjectNode();
    channels.forEach(n.putArray("channels")::add);
    n.put("name", name).put("public", isPublic).put("description", description)
        .put("collection", collection).put("coord_frame", coordFrame)
        .put("num_hierarchy_levels", numHierarchyLevels).put("hierarchy_method", hierarchyMethod)
        .put("num_time_samples", numTimeSamples);
    putOptional(n);
    return n.put("creator", creator);
  }

  private void putOptional(ObjectNode n) {
    if (timeStep.isPresent()) {
      n.put("time_step", timeStep.getAsLong());
    } else {
      n.putNull("time_step");
    }
    if (timeStepUnit.isPresent()) {
      n.put("time_step_unit", timeStepUnit.get());
    } else {
      n.putNull("time_step_unit");
    }
  }
}
