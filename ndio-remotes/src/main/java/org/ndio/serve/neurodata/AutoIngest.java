package org.ndio.serve.neurodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ndio.serve.Reply;

/**
 * ndstore's {@code POST /nd/sd/autoIngest/}: makes a dataset, a project with its token and
 * channels from one JSON document ({@code dataset}, {@code project}, {@code channels}, {@code
 * metadata}), with ndstore's rules: an existing dataset or project must be the one posted, an
 * existing token must name it, an existing channel is refused. Answers are JSON strings, 200
 * on success and 400 otherwise. ndstore then ingests each channel's {@code data_url}; this
 * server ingests nothing (voxels arrive as posted cutouts).
 */
final class AutoIngest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Catalog catalog;

  AutoIngest(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Input ndstore refuses with its catch-all message. */
  private static final class Failed extends Exception {
    Failed() {
      super("FAILED. There was an error in the information you posted.");
    }
  }

  Reply handle(byte[] body) {
    JsonNode doc;
    try {
      doc = JSON.readTree(body);
    } catch (IOException e) {
      return Reply.text(500, "internal error: the posted document is not JSON ("
          + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (doc == null || !doc.isObject() || !doc.has("dataset") || !doc.has("project")
        || !doc.has("channels") || !doc.has("metadata")) {
      return bad("Missing required fields of dataset, project, channels, metadata. Please"
          + " check if one of them is not missing.");
    }
    try {
      NdDataset ds = dataset(doc.get("dataset"));
      JsonNode p = doc.get("project");
      String projectName = text(p, "project_name");
      String tokenName = p.hasNonNull("token_name") ? text(p, "token_name") : projectName;
      int isPublic = p.path("public").asInt(0);
      List<NdChannel> channels = new ArrayList<>();
      for (String name : List.of(projectName, tokenName, ds.name())) {
        // Names become file and directory names under the server's root, and URL segments
        // that ndstore matches with \w+: anything else is refused before it reaches a path.
        if (!name.matches("\\w+")) {
          return bad("Name '" + name + "' is not allowed: project, token and dataset names are"
              + " letters, digits and underscores.");
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = doc.get("channels").fields();
      while (it.hasNext()) {
        channels.add(channel(it.next().getValue()));
      }
      return catalog.atomically(() -> create(ds, projectName, tokenName, isPublic, channels));
    } catch (Failed e) {
      return bad(e.getMessage());
    }
  }

  private Reply create(NdDataset ds, String projectName, String tokenName, int isPublic,
      List<NdChannel> channels) {
    var stored = catalog.dataset(ds.name());
    if (stored.isPresent() && !sameDataset(stored.get(), ds)) {
      return bad("Dataset " + ds.name() + " already exists and is different then the chosen"
          + " dataset. Please choose a different dataset name");
    }
    var project = catalog.project(projectName);
    var token = catalog.token(tokenName);
    if (project.isPresent()) {
      if (!project.get().dataset().equals(ds.name())) {
        return bad("Project " + projectName + " already exists. Please choose a different"
            + " project name");
      }
      if (token.isPresent() && (!token.get().project().equals(projectName)
          || token.get().isPublic() != isPublic)) {
        return bad("Token " + tokenName + " already exists. Please choose a different token"
            + " name.");
      }
    } else if (token.isPresent()) {
      return bad("There was an error in creating the project " + projectName + " database");
    }
    NdProject pr = project.orElse(new NdProject(projectName, "", ds.name(), Map.of()));
    for (NdChannel c : channels) {
      if (pr.channels().containsKey(c.name())) {
        return bad("Channel " + c.name() + " already exists. Please choose a different channel"
            + " name.");
      }
    }
    if (stored.isEmpty()) {
      catalog.putDataset(ds);
    }
    for (NdChannel c : channels) {
      pr = pr.withChannel(c);
    }
    catalog.putProject(pr);
    if (token.isEmpty()) {
      catalog.putToken(new NdToken(tokenName, projectName, isPublic));
    }
    return Reply.json(200, "\"SUCCESS. The ingest process has now started.\"");
  }

  /** The fields autoIngest can set; the rest are ndstore's defaults either way. */
  private static boolean sameDataset(NdDataset a, NdDataset b) {
    return a.imageSize().equals(b.imageSize()) && a.offset().equals(b.offset())
        && a.voxelRes().equals(b.voxelRes()) && a.scalingLevels() == b.scalingLevels()
        && a.scalingOption() == b.scalingOption();
  }

  private static NdDataset dataset(JsonNode d) throws Failed {
    String name = text(d, "dataset_name");
    List<Long> size = triple(d.get("imagesize"), true);
    JsonNode vr = d.get("voxelres");
    if (vr == null || !vr.isArray() || vr.size() != 3) {
      throw new Failed();
    }
    List<Double> res = new ArrayList<>();
    for (JsonNode v : vr) {
      if (!v.isNumber() || !(v.asDouble() > 0) || Double.isInfinite(v.asDouble())) {
        throw new Failed();
      }
      res.add(v.asDouble());
    }
    List<Long> offset = d.has("offset") ? triple(d.get("offset"), false) : List.of(0L, 0L, 0L);
    int scaling = d.path("scaling").asInt(NdDataset.ZSLICES);
    if (scaling != 0 && scaling != 1) {
      throw new Failed();
    }
    int levels = d.has("scalinglevels") ? d.get("scalinglevels").asInt(-1)
        : levels(size.get(0), size.get(1));
    if (levels < 0 || levels > 20) {
      throw new Failed();
    }
    return new NdDataset(name, "", size, offset, res, levels, scaling, 0);
  }

  /** ndstore's rule for datasets posted without {@code scalinglevels}. */
  private static int levels(long x, long y) {
    int n = 0;
    while ((x > 1000 || y > 1000) && x > 500 && y > 500) {
      x /= 2;
      y /= 2;
      n++;
    }
    return n;
  }

  private static NdChannel channel(JsonNode c) throws Failed {
    String name = text(c, "channel_name");
    String datatype = text(c, "datatype");
    String type = text(c, "channel_type");
    text(c, "data_url");
    text(c, "file_format");
    text(c, "file_type");
    if (!NdChannel.DATATYPES.contains(datatype) || !NdChannel.TYPES.contains(type)
        || !name.matches("\\w+")) {
      throw new Failed();
    }
    List<Long> time = c.has("timerange") ? pair(c.get("timerange")) : List.of(0L, 1L);
    List<Long> window = c.has("windowrange") ? pair(c.get("windowrange")) : List.of(0L, 0L);
    return new NdChannel(name, "", type, datatype, c.path("resolution").asInt(0), 0,
        c.path("readonly").asInt(0), c.path("exceptions").asInt(0), time.get(0), time.get(1),
        window.get(0), window.get(1), 1);
  }

  private static String text(JsonNode n, String field) throws Failed {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isTextual()) {
      throw new Failed();
    }
    return v.asText();
  }

  private static List<Long> triple(JsonNode n, boolean positive) throws Failed {
    if (n == null || !n.isArray() || n.size() != 3) {
      throw new Failed();
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode v : n) {
      if (!v.isNumber() || positive && v.asLong() < 1 || v.asLong() < 0) {
        throw new Failed();
      }
      out.add(v.asLong());
    }
    return out;
  }

  private static List<Long> pair(JsonNode n) throws Failed {
    if (n == null || !n.isArray() || n.size() != 2) {
      throw new Failed();
    }
    return List.of(n.get(0).asLong(), n.get(1).asLong());
  }

  private static Reply bad(String message) {
    try {
      return Reply.json(400, JSON.writeValueAsString(message));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
