package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.ndio.serve.boss.ResourceStore.Kind;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;

/**
 * A request on a channel's data (cutout, ids, bounding box, reserve, metadata), checked as the
 * service's {@code BossRequest} checks it and worded the same: the collection, experiment and
 * channel must exist ({@code "Collection X not found"}, 4000) and not be marked for deletion
 * (4005); the caller needs permission (3001); resolution levels lie in {@code [base, base +
 * num_hierarchy_levels)} (1002); cutout ranges are non-empty and inside the coordinate frame
 * at level 0, as the service checks them on every level (1001).
 */
record ChannelRequest(String collection, String experiment, String channel,
    ObjectNode experimentJson, ObjectNode channelJson, ObjectNode frameJson) {

  static final String NO_PERMISSION = "This user does not have the required permissions";

  /** Resolves {@code c/e/ch}; anonymous callers may only read public channels. */
  static ChannelRequest resolve(ResourceStore store, String c, String e, String ch,
      boolean anonymous, boolean read) {
    live(store.read(Kind.COLLECTION, c), "Collection", c);
    ObjectNode exp = live(store.read(Kind.EXPERIMENT, c, e), "Experiment", e);
    ObjectNode chan = live(store.read(Kind.CHANNEL, c, e, ch), "Channel", ch);
    if (anonymous && !(read && chan.path("public").asBoolean(false))) {
      throw new BossError(ErrorCode.MISSING_PERMISSION, NO_PERMISSION);
    }
    ObjectNode frame = store.read(Kind.COORD, exp.path("coord_frame").asText())
        .orElseThrow(() -> BossError.notFound(exp.path("coord_frame").asText()
            + " does not exist."));
    return new ChannelRequest(c, e, ch, exp, chan, frame);
  }

  private static ObjectNode live(Optional<ObjectNode> n, String what, String name) {
    ObjectNode o = n.orElseThrow(() -> BossError.notFound(what + " " + name + " not found"));
    if (ResourceStore.deleted(o)) {
      throw new BossError(ErrorCode.RESOURCE_MARKED_FOR_DELETION, "Invalid Request. This"
          + " resource " + name + " has been marked for deletion");
    }
    return o;
  }

  boolean isAnnotation() {
    return "annotation".equals(channelJson.path("type").asText());
  }

  String type() {
    return channelJson.path("type").asText();
  }

  boolean isotropic() {
    return "isotropic".equals(experimentJson.path("hierarchy_method").asText());
  }

  /** The frame's level-0 extent. */
  BoundingBox frame() {
    ObjectNode f = frameJson;
    return new BoundingBox(f.path("x_start").asLong(), f.path("x_stop").asLong(),
        f.path("y_start").asLong(), f.path("y_stop").asLong(), f.path("z_start").asLong(),
        f.path("z_stop").asLong());
  }

  /** The voxel type, or the service's 1002 error for one its cutouts do not serve. */
  DataType dtype() {
    String t = channelJson.path("datatype").asText();
    return switch (t) {
      case "uint8" -> DataType.UINT8;
      case "uint16" -> DataType.UINT16;
      case "uint64" -> DataType.UINT64;
      default -> throw new BossError(ErrorCode.TYPE_ERROR, "Unsupported data type: " + t);
    };
  }

  /** Refuses non-annotation channels with the given words (2003). */
  void requireAnnotation(String operation) {
    if (!isAnnotation()) {
      throw new BossError(ErrorCode.DATATYPE_NOT_SUPPORTED, "The channel in request has type "
          + type() + ". " + operation);
    }
  }

  /** Checks a level against the channel's hierarchy. */
  int resolution(String text) {
    int base = channelJson.path("base_resolution").asInt(0);
    int levels = experimentJson.path("num_hierarchy_levels").asInt(1);
    int r;
    try {
      r = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new BossError(ErrorCode.TYPE_ERROR, "Type error in resolution " + text);
    }
    if (r < base || r >= base + levels) {
      throw new BossError(ErrorCode.TYPE_ERROR, "Invalid resolution " + text + ". The"
          + " resolution has to be within " + base + " and " + (base + levels));
    }
    return r;
  }

  /**
   * The box of a cutout or ids request: level checked, ranges {@code a:b} parsed and checked
   * against the level-0 frame (the service's own rule, on every level).
   */
  BoundingBox cutoutBox(String res, String x, String y, String z) {
    int r = resolution(res);
    long[] v = new long[6];
    String[] ranges = {x, y, z};
    for (int i = 0; i < 3; i++) {
      String[] p = ranges[i].split(":");
      try {
        v[2 * i] = Long.parseLong(p[0]);
        v[2 * i + 1] = Long.parseLong(p[1]);
      } catch (RuntimeException e) {
        throw new BossError(ErrorCode.TYPE_ERROR, "Type error in cutout argument" + res + "/"
            + x + "/" + y + "/" + z);
      }
    }
    BoundingBox f = frame();
    if (v[0] >= v[1] || v[2] >= v[3] || v[4] >= v[5] || v[0] < f.x0() || v[1] > f.x1()
        || v[2] < f.y0() || v[3] > f.y1() || v[4] < f.z0() || v[5] > f.z1()) {
      throw new BossError(ErrorCode.INVALID_CUTOUT_ARGS, "Incorrect cutout arguments " + res
          + "/" + x + "/" + y + "/" + z);
    }
    return new BoundingBox(v[0], v[1], v[2], v[3], v[4], v[5], r);
  }

  /**
   * Checks a time range segment. This server keeps one time sample (0), so beyond the
   * service's own checks only {@code 0:1} is served (2005 otherwise).
   */
  void time(String t) {
    if (t == null) {
      return;
    }
    long samples = experimentJson.path("num_time_samples").asLong(1);
    String[] p = t.split(":");
    long start;
    long stop;
    try {
      start = Long.parseLong(p[0]);
      stop = p.length > 1 ? Long.parseLong(p[1]) : start + 1;
    } catch (NumberFormatException e) {
      throw new BossError(ErrorCode.INVALID_URL, "Unable to parse time sample argument " + t);
    }
    if (start > samples) {
      throw new BossError(ErrorCode.INVALID_URL, "Invalid time range " + t + ". Start time is"
          + " greater than the maximum time sample " + samples);
    }
    if (start > stop || stop > samples + 1) {
      throw new BossError(ErrorCode.INVALID_URL, "Invalid time range " + t + ". End time is"
          + " greater than the start time or out of bounds with maximum time sample " + samples);
    }
    if (start != 0 || stop != 1) {
      throw new BossError(ErrorCode.UNSUPPORTED_4D, "This server keeps time sample 0 only;"
          + " time range " + t + " cannot be served");
    }
  }
}
