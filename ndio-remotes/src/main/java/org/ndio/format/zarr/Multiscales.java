package org.ndio.format.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.CorruptDataException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.storage.SafeNames;
import org.ndio.storage.Storage;
import org.ndio.volume.VoxelSize;

/**
 * The OME-Zarr (NGFF 0.4) {@code multiscales} metadata of a group: its levels, each an array
 * path with a scale (the level's voxel size) and a translation (where its first voxel's centre
 * lies), over the spatial axes z, y, x. napari, neuroglancer and zarr-python read it.
 *
 * @param name the image's name
 * @param unit the unit of the spatial axes, a UDUNITS name such as {@code nanometer}
 * @param method how lower levels were made ({@code mean}, {@code mode}, ...), or empty
 */
public record Multiscales(String name, String unit, List<Level> levels, String method) {

  /** One level: its array's path in the group, voxel size and offset, x, y, z order. */
  public record Level(String path, double[] scaleXyz, double[] translationXyz) {

    public VoxelSize voxelSize(String unit) {
      return new VoxelSize(scaleXyz[0], scaleXyz[1], scaleXyz[2], unit);
    }
  }

  public Multiscales {
    levels = List.copyOf(levels);
  }

  /** The multiscales of the group at {@code storage}, if its attributes have any. */
  static Optional<Multiscales> read(Storage storage, String where) {
    Map<String, Object> attrs = ZarrArray.readAttributes(storage, where);
    if (!(attrs.get("multiscales") instanceof List<?> list) || list.isEmpty()) {
      return Optional.empty();
    }
    JsonNode m = ZarrArray.JSON.valueToTree(list.get(0));
    JsonNode axes = m.path("axes");
    List<String> names = new ArrayList<>();
    String unit = "nanometer";
    for (JsonNode a : axes) {
      String n = a.isTextual() ? a.asText() : a.path("name").asText();
      names.add(n);
      if (a.has("unit") && List.of("x", "y", "z").contains(n)) {
        unit = a.path("unit").asText();
      }
    }
    int n = names.size();
    if (n < 2 || !names.subList(n - 2, n).equals(List.of("y", "x"))
        || (n >= 3 && !names.get(n - 3).equals("z") && n != 2)) {
      throw new UnsupportedFeatureException(where + ": multiscales axes " + names
          + " are not a volume's (…, z, y, x)");
    }
    List<Level> levels = new ArrayList<>();
    for (JsonNode d : m.path("datasets")) {
      double[] scale = {1, 1, 1};
      double[] translation = {0, 0, 0};
      for (JsonNode t : d.path("coordinateTransformations")) {
        double[] target = "scale".equals(t.path("type").asText()) ? scale
            : "translation".equals(t.path("type").asText()) ? translation : null;
        JsonNode v = t.has("scale") ? t.get("scale") : t.get("translation");
        if (target == null || v == null || v.size() != n) {
          continue;
        }
        target[0] = v.get(n - 1).asDouble();
        target[1] = v.get(n - 2).asDouble();
        target[2] = n >= 3 ? v.get(n - 3).asDouble() : 1;
      }
      if (!d.path("path").isTextual()) {
        throw new CorruptDataException(where + ": a multiscales dataset has no path");
      }
      String path = SafeNames.require(d.path("path").asText(), "multiscales dataset path",
          where);
      levels.add(new Level(path, scale, translation));
    }
    if (levels.isEmpty()) {
      throw new CorruptDataException(where + ": multiscales lists no datasets");
    }
    return Optional.of(new Multiscales(m.path("name").asText(""), unit, levels,
        m.path("type").asText("")));
  }

  /** The group's attributes with this multiscales in them (other attributes kept). */
  Map<String, Object> into(Map<String, Object> attributes) {
    List<Map<String, Object>> axes = new ArrayList<>();
    for (String a : List.of("z", "y", "x")) {
      Map<String, Object> axis = new LinkedHashMap<>();
      axis.put("name", a);
      axis.put("type", "space");
      axis.put("unit", unit);
      axes.add(axis);
    }
    List<Map<String, Object>> datasets = new ArrayList<>();
    for (Level l : levels) {
      List<Map<String, Object>> transforms = new ArrayList<>();
      // Ordered maps: Map.of iterates in an order that changes from one JVM to the next, and
      // the same pyramid must give the same bytes wherever it is written (resumed runs).
      transforms.add(transform("scale",
          List.of(l.scaleXyz()[2], l.scaleXyz()[1], l.scaleXyz()[0])));
      if (l.translationXyz()[0] != 0 || l.translationXyz()[1] != 0
          || l.translationXyz()[2] != 0) {
        transforms.add(transform("translation",
            List.of(l.translationXyz()[2], l.translationXyz()[1], l.translationXyz()[0])));
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("path", l.path());
      d.put("coordinateTransformations", transforms);
      datasets.add(d);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "0.4");
    m.put("name", name);
    m.put("axes", axes);
    m.put("datasets", datasets);
    if (!method.isEmpty()) {
      m.put("type", method);
    }
    Map<String, Object> out = new LinkedHashMap<>(attributes);
    out.put("multiscales", List.of(m));
    return out;
  }

  private static Map<String, Object> transform(String type, List<Double> values) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", type);
    t.put(type, values);
    return t;
  }
}
