package org.ndio.remote.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ndio.DataTypeException;
import org.ndio.volume.DataType;

/**
 * A BOSS channel ({@code GET /v1/collection/{c}/experiment/{e}/channel/{ch}/}): one image or
 * annotation volume of an experiment.
 *
 * @param type {@code image} or {@code annotation}
 * @param datatype {@code uint8} or {@code uint16} for images, {@code uint64} for annotations
 * @param downsampleStatus {@code NOT_DOWNSAMPLED}, {@code QUEUED}, {@code IN_PROGRESS},
 *     {@code DOWNSAMPLED} or {@code FAILED}
 */
public record BossChannel(String name, String description, String experiment, String type,
    String datatype, int baseResolution, int defaultTimeSample, String downsampleStatus,
    List<String> sources, List<String> related, boolean isPublic, String creator) {

  public BossChannel {
    sources = List.copyOf(sources);
    related = List.copyOf(related);
  }

  /** A channel to create. */
  public static BossChannel of(String name, String type, String datatype) {
    return new BossChannel(name, "", "", type, datatype, 0, 0, "NOT_DOWNSAMPLED", List.of(),
        List.of(), false, "");
  }

  /** The channel type the BOSS uses for a data type: uint64 holds annotations. */
  public static String typeFor(DataType t) {
    return switch (t) {
      case UINT8, UINT16 -> "image";
      case UINT64 -> "annotation";
      default -> throw new DataTypeException("BOSS channels hold uint8 or uint16 images or uint64"
          + " annotations, not " + t.numpyName());
    };
  }

  public static BossChannel fromJson(JsonNode n) {
    String w = "BOSS channel";
    return new BossChannel(BossJson.text(n, "name", w), BossJson.textOr(n, "description", ""),
        BossJson.textOr(n, "experiment", ""), BossJson.text(n, "type", w),
        BossJson.text(n, "datatype", w), (int) BossJson.integerOr(n, "base_resolution", 0, w),
        (int) BossJson.integerOr(n, "default_time_sample", 0, w),
        BossJson.textOr(n, "downsample_status", "NOT_DOWNSAMPLED"),
        BossJson.strings(n, "sources", w), BossJson.strings(n, "related", w),
        n.path("public").asBoolean(false), BossJson.textOr(n, "creator", ""));
  }

  public boolean isAnnotation() {
    return "annotation".equals(type);
  }

  /** The voxel type, as ndio names it. */
  public DataType dataType() {
    return DataType.fromName(datatype);
  }

  /** The body of {@code POST .../channel/{ch}/}, as intern sends it. */
  public ObjectNode toCreateJson() {
    ObjectNode n = BossJson.MAPPER.createObjectNode().put("name", name)
        .put("description", description).put("default_time_sample", defaultTimeSample)
        .put("datatype", datatype).put("base_resolution", baseResolution).put("type", type);
    sources.forEach(n.putArray("sources")::add);
    related.forEach(n.putArray("related")::add);
    return n;
  }

  /** The answer of {@code GET}, fields in the service's order. */
  public ObjectNode toJson() {
    ObjectNode n = BossJson.MAPPER.createObjectNode().put("name", name).put("public", isPublic)
        .put("description", description).put("experiment", experiment)
        .put("default_time_sample", defaultTimeSample).put("type", type)
        .put("base_resolution", baseResolution).put("datatype", datatype)
        .put("creator", creator);
    sources.forEach(n.putArray("sources")::add);
    n.put("downsample_status", downsampleStatus);
    related.forEach(n.putArray("related")::add);
    return n.put("storage_type", "spdb").putNull("bucket").putNull("cv_path");
  }
}
