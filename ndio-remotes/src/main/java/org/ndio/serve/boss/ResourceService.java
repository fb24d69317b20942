package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ndio.serve.Reply;
import org.ndio.serve.boss.ResourceStore.Kind;

/**
 * The project service: {@code /v1/collection/...} and {@code /v1/coord/...} (list, get, create,
 * delete), answering as the service's views do: 200 with the read serializer's fields, 201 with
 * the created resource, 204 for a deletion (which, as there, only marks the resource), 404
 * {@code "X does not exist."} (4000), 404 for a resource marked for deletion (4005), 400 with
 * the serializer's errors (1003), 400 for a parent still referenced (4003).
 */
final class ResourceService {

  static final Set<String> TYPES = Set.of("image", "annotation");
  static final Set<String> DATATYPES = Set.of("uint8", "uint16", "uint32", "uint64");
  static final Set<String> UNITS = Set.of("nanometers", "micrometers", "millimeters",
      "centimeters");
  static final Set<String> METHODS = Set.of("anisotropic", "isotropic");
  static final Set<String> TIME_UNITS = Set.of("nanoseconds", "microseconds", "milliseconds",
      "seconds");
  private static final int MAX_DESCRIPTION = 4096;

  private final ResourceStore store;
  private final VoxelStore voxels;
  private final String user;
  private final Object lock;

  ResourceService(ResourceStore store, VoxelStore voxels, String user, Object lock) {
    this.store = store;
    this.voxels = voxels;
    this.user = user;
    this.lock = lock;
  }

  // ---- lookups shared with the data services (BossRequest words its errors differently)

  /** A resource as the project views look it up: "X does not exist." when missing. */
  ObjectNode existing(Kind kind, String... names) {
    if (kind != Kind.COORD && kind != Kind.COLLECTION) {
      String[] parent = Arrays.copyOf(names, names.length - 1);
      existing(kind == Kind.CHANNEL ? Kind.EXPERIMENT : Kind.COLLECTION, parent);
    }
    return store.read(kind, names)
        .orElseThrow(() -> BossError.notFound(names[names.length - 1] + " does not exist."));
  }

  private static void requireLive(ObjectNode n) {
    if (ResourceStore.deleted(n)) {
      throw new BossError(ErrorCode.RESOURCE_MARKED_FOR_DELETION,
          "Invalid Request. This Resource has been marked for deletion");
    }
  }

  private static void requireReadable(ObjectNode n, boolean anonymous, String name) {
    if (anonymous && !n.path("public").asBoolean(false)) {
      throw new BossError(ErrorCode.MISSING_PERMISSION,
          "Missing read permissions on the resource " + name);
    }
  }

  // ---- lists

  Reply list(Kind kind, boolean anonymous, String... parent) {
    String field = switch (kind) {
      case COLLECTION -> "collections";
      case EXPERIMENT -> "experiments";
      case CHANNEL -> "channels";
      case COORD -> "coords";
    };
    if (parent.length > 0) {
      existing(parent.length == 1 ? Kind.COLLECTION : Kind.EXPERIMENT, parent);
    }
    ObjectNode out = Answers.JSON.createObjectNode();
    ArrayNode a = out.putArray(field);
    for (String n : store.names(kind, parent)) {
      // Anonymous callers see public resources only; coordinate frames are listed to all.
      if (!anonymous || kind == Kind.COORD || publicResource(kind, parent, n)) {
        a.add(n);
      }
    }
    return Answers.json(200, out);
  }

  private boolean publicResource(Kind kind, String[] parent, String name) {
    String[] names = Arrays.copyOf(parent, parent.length + 1);
    names[parent.length] = name;
    return store.read(kind, names).map(n -> n.path("public").asBoolean(false)).orElse(false);
  }

  // ---- get

  Reply get(Kind kind, boolean anonymous, String... names) {
    ObjectNode n = existing(kind, names);
    String name = names[names.length - 1];
    if (kind != Kind.COORD) {
      requireReadable(n, anonymous, name);
    }
    requireLive(n);
    return Answers.json(200, render(kind, n, names));
  }

  /** The read serializer's answer: stored fields plus the live children's names. */
  private ObjectNode render(Kind kind, ObjectNode stored, String... names) {
    ObjectNode n = stored.deepCopy();
    n.remove(ResourceStore.DELETED);
    switch (kind) {
      case COLLECTION -> {
        ObjectNode out = Answers.JSON.createObjectNode();
        out.set("name", n.get("name"));
        out.set("public", n.get("public"));
        out.set("description", n.get("description"));
        ArrayNode e = out.putArray("experiments");
        store.names(Kind.EXPERIMENT, names).forEach(e::add);
        out.set("creator", n.get("creator"));
        return out;
      }
      case EXPERIMENT -> {
        ObjectNode out = Answers.JSON.createObjectNode();
        ArrayNode c = out.putArray("channels");
        store.names(Kind.CHANNEL, names).forEach(c::add);
        out.setAll(n);
        return out;
      }
      default -> {
        return n;
      }
    }
  }

  // ---- create

  Reply create(Kind kind, byte[] body, String... names) {
    JsonNode data = parse(body);
    synchronized (lock) {
      return switch (kind) {
        case COLLECTION -> createCollection(data, names[0]);
        case COORD -> createCoord(data, names[0]);
        case EXPERIMENT -> createExperiment(data, names[0], names[1]);
        case CHANNEL -> createChannel(data, names[0], names[1], names[2]);
      };
    }
  }

  /** The JSON body; DRF answers a malformed one with a 400 parse error. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Answers.JSON.createObjectNode();
    }
    try {
      JsonNode n = Answers.JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new DrfError(400, "JSON parse error - Expecting value: line 1 column 1 (char 0)");
      }
      return n;
    } catch (IOException e) {
      throw new DrfError(400, "JSON parse error - " + e.getMessage().split("\n")[0]);
    }
  }

  private Reply createCollection(JsonNode data, String c) {
    Fields f = new Fields(data);
    if (store.read(Kind.COLLECTION, c).isPresent()) {
      f.notUnique("name", "collection with this name already exists.");
    }
    boolean pub = f.bool("public");
    String description = f.text("description", "", MAX_DESCRIPTION);
    f.check();
    ObjectNode n = Answers.JSON.createObjectNode().put("name", c).put("public", pub)
        .put("description", description).put("creator", user);
    store.write(Kind.COLLECTION, n, c);
    return Answers.json(201, render(Kind.COLLECTION, n, c));
  }

  private Reply createCoord(JsonNode data, String name) {
    Fields f = new Fields(data);
    if (store.read(Kind.COORD, name).isPresent()) {
      f.notUnique("name", "coordinate frame with this name already exists.");
    }
    String description = f.text("description", "", MAX_DESCRIPTION);
    ObjectNode n = Answers.JSON.createObjectNode().put("name", name)
        .put("description", description);
    for (String axis : List.of("x_start", "x_stop", "y_start", "y_stop", "z_start", "z_stop")) {
      Long v = f.integer(axis, null, false);
      n.put(axis, v == null ? 0 : v);
    }
    for (String axis : List.of("x_voxel_size", "y_voxel_size", "z_voxel_size")) {
      Double v = f.number(axis);
      n.put(axis, v == null ? 0 : v);
    }
    n.put("voxel_unit", f.choice("voxel_unit", null, false, UNITS));
    f.check();
    store.write(Kind.COORD, n, name);
    return Answers.json(201, n);
  }

  private Reply createExperiment(JsonNode data, String c, String e) {
    ObjectNode coll = existing(Kind.COLLECTION, c);
    requireLive(coll);
    if (!data.hasNonNull("coord_frame")) {
      throw new BossError(ErrorCode.INVALID_POST_ARGUMENT,
          "This request requires a valid coordinate frame");
    }
    String frame = data.get("coord_frame").asText();
    if (store.read(Kind.COORD, frame).isEmpty()) {
      throw BossError.notFound(frame + " does not exist.");
    }
    Fields f = new Fields(data);
    boolean pub = f.bool("public");
    String description = f.text("description", "", MAX_DESCRIPTION);
    Long levels = f.integer("num_hierarchy_levels", 1L, false);
    String method = f.choice("hierarchy_method", "anisotropic", false, METHODS);
    Long samples = f.integer("num_time_samples", 1L, false);
    Long step = f.integer("time_step", null, true);
    String stepUnit = f.choice("time_step_unit", null, true, TIME_UNITS);
    if (store.read(Kind.EXPERIMENT, c, e).isPresent()) {
      f.notUnique("non_field_errors", "The fields collection, name must make a unique set.");
    }
    f.check();
    ObjectNode n = Answers.JSON.createObjectNode().put("name", e).put("public", pub)
        .put("description", description).put("collection", c).put("coord_frame", frame)
        .put("num_hierarchy_levels", levels).put("hierarchy_method", method)
        .put("num_time_samples", samples);
    putNullable(n, "time_step", step);
    if (stepUnit == null) {
      n.putNull("time_step_unit");
    } else {
      n.put("time_step_unit", stepUnit);
    }
    n.put("creator", user);
    store.write(Kind.EXPERIMENT, n, c, e);
    return Answers.json(201, render(Kind.EXPERIMENT, n, c, e));
  }

  private static void putNullable(ObjectNode n, String field, Long v) {
    if (v == null) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private Reply createChannel(JsonNode data, String c, String e, String ch) {
    existing(Kind.COLLECTION, c);
    ObjectNode exp = existing(Kind.EXPERIMENT, c, e);
    List<String> sources = names(data, "sources");
    List<String> related = names(data, "related");
    for (String s : sources) {
      if (related.contains(s)) {
        throw new BossError(ErrorCode.INVALID_POST_ARGUMENT,
            "Related channels have to be different from source channels");
      }
    }
    for (String s : concat(sources, related)) {
      if (store.read(Kind.CHANNEL, c, e, s).isEmpty()) {
        throw new BossError(ErrorCode.INVALID_POST_ARGUMENT, "Invalid channel names " + s
            + " in the list of source/related channels channels ");
      }
    }
    Fields f = new Fields(data);
    boolean pub = f.bool("public");
    String description = f.text("description", "", MAX_DESCRIPTION);
    Long sample = f.integer("default_time_sample", 0L, false);
    String type = f.choice("type", null, false, TYPES);
    Long base = f.integer("base_resolution", 0L, false);
    String datatype = f.choice("datatype", null, false, DATATYPES);
    long samples = exp.path("num_time_samples").asLong(1);
    if (sample != null && sample >= samples) {
      f.invalid("default_time_sample", "Ensure this value is less that the experiments"
          + " num_time_samples " + samples + ".");
    }
    if (store.read(Kind.CHANNEL, c, e, ch).isPresent()) {
      f.notUnique("non_field_errors", "The fields experiment, name must make a unique set.");
    }
    f.check();
    ObjectNode n = Answers.JSON.createObjectNode().put("name", ch).put("public", pub)
        .put("description", description).put("experiment", e)
        .put("default_time_sample", sample).put("type", type).put("base_resolution", base)
        .put("datatype", datatype).put("creator", user);
    sources.forEach(n.putArray("sources")::add);
    n.put("downsample_status", "NOT_DOWNSAMPLED");
    related.forEach(n.putArray("related")::add);
    n.put("storage_type", "spdb").putNull("bucket").putNull("cv_path");
    store.write(Kind.CHANNEL, n, c, e, ch);
    return Answers.json(201, n);
  }

  private static List<String> names(JsonNode data, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = data.get(field);
    if (v != null && v.isArray()) {
      v.forEach(x -> out.add(x.asText()));
    } else if (v != null && v.isTextual() && !v.asText().isEmpty()) {
      out.add(v.asText());
    }
    return out;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  // ---- delete (marks, as the service does; the name stays taken)

  Reply delete(Kind kind, String... names) {
    synchronized (lock) {
      ObjectNode n = existing(kind, names);
      String name = names[names.length - 1];
      switch (kind) {
        case COLLECTION -> {
          if (!store.names(Kind.EXPERIMENT, names).isEmpty()) {
            throw new BossError(ErrorCode.INTEGRITY_ERROR, "Collection " + name + " has"
                + " experiments that reference it and cannot be deleted.Please delete the"
                + " experiments first.");
          }
        }
        case EXPERIMENT -> {
          if (!store.names(Kind.CHANNEL, names).isEmpty()) {
            throw new BossError(ErrorCode.INTEGRITY_ERROR, " Experiment " + name + " has"
                + " channels that reference it and cannot be deleted.Please delete the"
                + " channels first.");
          }
        }
        case COORD -> {
          if (frameInUse(name)) {
            throw new BossError(ErrorCode.INTEGRITY_ERROR, " Coordinate frame " + name
                + " has experiments that reference it and cannot be deleted.Please delete the"
                + " experiments first.");
          }
        }
        case CHANNEL -> {
          for (String other : store.names(Kind.CHANNEL, names[0], names[1])) {
            Optional<ObjectNode> o = store.read(Kind.CHANNEL, names[0], names[1], other);
            if (o.isPresent() && names(o.get(), "sources").contains(name)) {
              throw new BossError(ErrorCode.INTEGRITY_ERROR, "Channel " + name + " is the"
                  + " source channel of other channels and cannot be deleted");
            }
          }
          voxels.forget(names);
        }
        default -> throw new IllegalStateException();
      }
      n.put(ResourceStore.DELETED, Instant.now().toString());
      store.write(kind, n, names);
      return Reply.of(204, "text/html; charset=utf-8", new byte[0]);
    }
  }

  private boolean frameInUse(String frame) {
    for (String c : store.names(Kind.COLLECTION)) {
      for (String e : store.names(Kind.EXPERIMENT, c)) {
        if (store.read(Kind.EXPERIMENT, c, e).map(n -> frame.equals(n.path("coord_frame")
            .asText())).orElse(false)) {
          return true;
        }
      }
    }
    return false;
  }
}
