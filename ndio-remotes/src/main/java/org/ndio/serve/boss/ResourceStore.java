package org.ndio.serve.boss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ndio.storage.SafeNames;

/**
 * The server's resources as JSON files under its root, so a restarted server keeps them:
 * <pre>
 * coord/FRAME.json
 * collections/C/collection.json, meta.json
 * collections/C/experiments/E/experiment.json, meta.json
 * collections/C/experiments/E/channels/CH/channel.json, meta.json, reserve.json, voxels/
 * </pre>
 * Each file is replaced atomically (written aside, then renamed). Callers serialise changes
 * (the server holds one lock around every resource change); reads need no lock.
 */
final class ResourceStore {

  /** What a resource is; its file name and the directory its children live in. */
  enum Kind {
    COORD, COLLECTION, EXPERIMENT, CHANNEL
  }

  static final String DELETED = "to_be_deleted";

  private final Path root;

  ResourceStore(Path root) {
    this.root = root;
  }

  /** The directory of a collection, experiment or channel (names from the top). */
  Path dir(String... names) {
    for (String n : names) {
      SafeNames.require(n, "resource name", root.toString());
    }
    Path p = root.resolve("collections").resolve(names[0]);
    if (names.length > 1) {
      p = p.resolve("experiments").resolve(names[1]);
    }
    if (names.length > 2) {
      p = p.resolve("channels").resolve(names[2]);
    }
    return p;
  }

  private Path file(Kind kind, String... names) {
    return switch (kind) {
      case COORD -> root.resolve("coord").resolve(names[0] + ".json");
      case COLLECTION -> dir(names).resolve("collection.json");
      case EXPERIMENT -> dir(names).resolve("experiment.json");
      case CHANNEL -> dir(names).resolve("channel.json");
    };
  }

  /** The stored resource, including one marked for deletion. */
  Optional<ObjectNode> read(Kind kind, String... names) {
    return readJson(file(kind, names)).map(n -> (ObjectNode) n);
  }

  void write(Kind kind, ObjectNode node, String... names) {
    writeJson(file(kind, names), node);
  }

  static boolean deleted(JsonNode n) {
    return n.hasNonNull(DELETED);
  }

  /**
   * The names of the children of kind {@code kind} (collections at the top, experiments of a
   * collection, channels of an experiment, or coordinate frames) not marked for deletion,
   * sorted.
   */
  List<String> names(Kind kind, String... parent) {
    Path dir = switch (kind) {
      case COORD -> root.resolve("coord");
      case COLLECTION -> root.resolve("collections");
      case EXPERIMENT -> dir(parent).resolve("experiments");
      case CHANNEL -> dir(parent).resolve("channels");
    };
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (kind == Kind.COORD) {
          if (!name.endsWith(".json")) {
            continue;
          }
          name = name.substring(0, name.length() - 5);
        }
        String[] names = child(parent, name);
        Optional<ObjectNode> n = read(kind, names);
        if (n.isPresent() && !deleted(n.get())) {
          out.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String[] child(String[] parent, String name) {
    String[] out = new String[parent.length + 1];
    System.arraycopy(parent, 0, out, 0, parent.length);
    out[parent.length] = name;
    return out;
  }

  /** The metadata of a resource directory, keys sorted as the service lists them. */
  Map<String, String> meta(Path dir) {
    Map<String, String> out = new TreeMap<>();
    readJson(dir.resolve("meta.json"))
        .ifPresent(n -> n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()
            .asText())));
    return out;
  }

  void writeMeta(Path dir, Map<String, String> meta) {
    ObjectNode n = Answers.JSON.createObjectNode();
    meta.forEach(n::put);
    writeJson(dir.resolve("meta.json"), n);
  }

  /** The next id a reservation in a channel directory hands out (1 at first). */
  long nextId(Path channelDir) {
    return readJson(channelDir.resolve("reserve.json")).map(n -> n.path("next_id").asLong(1))
        .orElse(1L);
  }

  void setNextId(Path channelDir, long next) {
    writeJson(channelDir.resolve("reserve.json"),
        Answers.JSON.createObjectNode().put("next_id", next));
  }

  private static Optional<JsonNode> readJson(Path f) {
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Answers.JSON.readTree(f.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  private static void writeJson(Path f, JsonNode n) {
    try {
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
      Files.write(tmp, Answers.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
