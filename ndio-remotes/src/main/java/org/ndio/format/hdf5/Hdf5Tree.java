package org.ndio.format.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ndio.PathEscapeException;
import org.ndio.VolumeNotFoundException;

/** Finds datasets in an HDF5 file by path, and says what is there when one is missing. */
final class Hdf5Tree {

  private static final int LISTED = 20;

  private Hdf5Tree() {}

  /** A fragment as an absolute path {@code /a/b}; {@code ""} and {@code /} give {@code /}. */
  static String normalise(String fragment, String where) {
    List<String> parts = segments(fragment);
    for (String p : parts) {
      if (p.equals(".") || p.equals("..")) {
        throw new PathEscapeException(
            where + ": HDF5 path '" + fragment + "' may not use '.' or '..'");
      }
    }
    return "/" + String.join("/", parts);
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The dataset at {@code path} (normalised, not {@code /}); a missing object, a group or a
   * broken link is a {@link VolumeNotFoundException} naming what exists instead.
   */
  static Dataset dataset(Group root, String path, String where) {
    Node node = root;
    String at = "";
    for (String seg : segments(path)) {
      if (!(node instanceof Group g)) {
        throw new VolumeNotFoundException(
            where + ": no dataset '" + path + "': '" + display(at) + "' is a dataset, not a"
                + " group");
      }
      Node child = g.getChild(seg);
      if (child == null) {
        throw new VolumeNotFoundException(
            where + ": no dataset '" + path + "': " + contents(g, display(at)));
      }
      at = at + "/" + seg;
      node = resolve(child, at, where);
    }
    if (node instanceof Group g) {
      throw new VolumeNotFoundException(
          where + ": '" + path + "' is a group, not a dataset; " + contents(g, path));
    }
    if (!(node instanceof Dataset d)) {
      throw new VolumeNotFoundException(
          where + ": '" + path + "' is a " + node.getType().name().toLowerCase()
              + ", not a dataset");
    }
    return d;
  }

  private static Node resolve(Node n, String at, String where) {
    if (n instanceof Link link) {
      if (link.isBrokenLink()) {
        throw new VolumeNotFoundException(
            where + ": '" + at + "' is a broken link to '" + link.getTargetPath() + "'");
      }
      return link.getTarget();
    }
    return n;
  }

  private static String display(String at) {
    return at.isEmpty() ? "/" : at;
  }

  /** "group '/a' holds raw (dataset), more (group)", at most {@value #LISTED} names. */
  static String contents(Group g, String path) {
    Map<String, Node> children = g.getChildren();
    if (children.isEmpty()) {
      return "group '" + path + "' is empty";
    }
    String names = children.entrySet().stream().limit(LISTED)
        .map(e -> e.getKey() + " (" + kind(e.getValue()) + ")")
        .collect(Collectors.joining(", "));
    return "group '" + path + "' holds " + names
        + (children.size() > LISTED ? " and " + (children.size() - LISTED) + " more" : "");
  }

  private static String kind(Node n) {
    if (n instanceof Link) {
      return "link";
    }
    return n instanceof Group ? "group" : n instanceof Dataset ? "dataset" : "other";
  }

  /** Paths of every dataset under {@code g}, not following links (which may form cycles). */
  static List<String> datasets(Group g) {
    List<String> out = new ArrayList<>();
    collect(g, "", out);
    return out;
  }

  private static void collect(Group g, String prefix, List<String> out) {
    for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
      Node n = e.getValue();
      String path = prefix + "/" + e.getKey();
      if (n instanceof Link) {
        continue;
      }
      if (n instanceof Dataset) {
        out.add(path);
      } else if (n instanceof Group child) {
        collect(child, path, out);
      }
    }
  }

  /** A short list of paths for messages. */
  static String list(List<String> paths) {
    String shown = paths.stream().limit(LISTED).collect(Collectors.joining(", "));
    return paths.size() > LISTED ? shown + " and " + (paths.size() - LISTED) + " more" : shown;
  }
}
