package org.ndio.remote.neurodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.ndio.CorruptDataException;

/**
 * What {@code GET /nd/sd/TOKEN/info/} says about a project: its dataset (coordinate frame and
 * levels), the project's own name and description, its channels, and the free-form {@code
 * metadata} ndstore fetched from its LIMS server (usually empty).
 */
public record ProjectInfo(DatasetInfo dataset, String projectName, String projectDescription,
    Map<String, ChannelInfo> channels, Map<String, Object> metadata) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ProjectInfo {
    channels = Map.copyOf(channels);
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Parses an {@code info/} answer; {@code where} names the request in messages. */
  public static ProjectInfo parse(byte[] json, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new CorruptDataException(where + ": info is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptDataException(where + ": info is not a JSON object");
    }
    JsonNode ds = field(root, "dataset", where);
    JsonNode pr = field(root, "project", where);
    DatasetInfo dataset = new DatasetInfo(text(ds, "name"), text(ds, "description"),
        ds.path("scaling").asText("zslices"), ds.path("scalinglevels").asInt(0),
        levels(ds, "imagesize", JsonNode::asLong, where),
        levels(ds, "offset", JsonNode::asLong, where),
        levels(ds, "voxelres", JsonNode::asDouble, where),
        levels(ds, "cube_dimension", JsonNode::asLong, where));
    if (!dataset.hasLevel(0)) {
      throw new CorruptDataException(where + ": info gives no imagesize, offset and"
          + " cube_dimension for level 0");
    }
    Map<String, ChannelInfo> channels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("channels").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode c = e.getValue();
      channels.put(e.getKey(), new ChannelInfo(e.getKey(), c.path("channel_type").asText(),
          c.path("datatype").asText(), c.path("resolution").asInt(0),
          c.path("readonly").asInt(0), c.path("propagate").asInt(0),
          c.path("exceptions").asInt(0), c.path("description").asText(""),
          longs(c.path("windowrange")), longs(c.path("timerange"))));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = root.path("metadata").isObject()
        ? JSON.convertValue(root.path("metadata"), LinkedHashMap.class) : Map.of();
    return new ProjectInfo(dataset, text(pr, "name"), text(pr, "description"), channels,
        metadata);
  }

  private static JsonNode field(JsonNode n, String name, String where) {
    JsonNode f = n.get(name);
    if (f == null || !f.isObject()) {
      throw new CorruptDataException(where + ": info has no '" + name + "' object");
    }
    return f;
  }

  private static String text(JsonNode n, String name) {
    JsonNode f = n.get(name);
    return f == null || f.isNull() ? "" : f.asText();
  }

  private static <T> SortedMap<Integer, List<T>> levels(JsonNode ds, String name,
      Function<JsonNode, T> value, String where) {
    SortedMap<Integer, List<T>> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = ds.path(name).fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int level;
      try {
        level = Integer.parseInt(e.getKey());
      } catch (NumberFormatException x) {
        throw new CorruptDataException(where + ": info dataset." + name + " has a level '"
            + e.getKey() + "' that is not a number");
      }
      JsonNode t = e.getValue();
      if (!t.isArray() || t.size() != 3 || !t.get(0).isNumber() || !t.get(1).isNumber()
          || !t.get(2).isNumber()) {
        throw new CorruptDataException(where + ": info dataset." + name + "[" + level
            + "] is not an [x, y, z] triple of numbers");
      }
      List<T> xyz = new ArrayList<>(3);
      t.forEach(v -> xyz.add(value.apply(v)));
      out.put(level, List.copyOf(xyz));
    }
    return out;
  }

  private static List<Long> longs(JsonNode n) {
    List<Long> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(v -> out.add(v.asLong()));
    }
    return out;
  }
}
