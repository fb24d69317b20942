package org.ndio.serve.neurodata;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ndio.StorageException;
import org.ndio.storage.SafeNames;

/**
 * The server's project database: datasets, projects (with their channels) and tokens, one JSON
 * file each under {@code ROOT/datasets/}, {@code ROOT/projects/} and {@code ROOT/tokens/},
 * held in memory and written through atomically, so a restarted server finds them. Every
 * method is synchronised: changes are few and small.
 */
final class Catalog {

  /** A token with what it names. */
  record Resolved(NdToken token, NdProject project, NdDataset dataset) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Map<String, NdDataset> datasets = new TreeMap<>();
  private final Map<String, NdProject> projects = new TreeMap<>();
  private final Map<String, NdToken> tokens = new TreeMap<>();

  Catalog(Path root) {
    this.root = root;
    load("datasets", NdDataset.class, datasets, NdDataset::name);
    load("projects", NdProject.class, projects, NdProject::name);
    load("tokens", NdToken.class, tokens, NdToken::name);
    // A propagation cut short by a restart left its channel "under propagation" for good.
    for (NdProject p : List.copyOf(projects.values())) {
      for (NdChannel c : p.channels().values()) {
        if (c.propagate() == 1) {
          putProject(p = p.withChannel(c.withPropagate(0)));
        }
      }
    }
  }

  private <T> void load(String dir, Class<T> type, Map<String, T> into,
      java.util.function.Function<T, String> name) {
    Path d = root.resolve(dir);
    if (!Files.isDirectory(d)) {
      return;
    }
    try (Stream<Path> files = Files.list(d)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        T v = JSON.readValue(f.toFile(), type);
        into.put(name.apply(v), v);
      }
    } catch (IOException e) {
      throw new StorageException(root + ": cannot read the " + dir + ": " + e.getMessage(), e);
    }
  }

  synchronized Optional<Resolved> resolve(String token) {
    NdToken t = tokens.get(token);
    if (t == null) {
      return Optional.empty();
    }
    NdProject p = projects.get(t.project());
    NdDataset d = p == null ? null : datasets.get(p.dataset());
    return p == null || d == null ? Optional.empty() : Optional.of(new Resolved(t, p, d));
  }

  synchronized Optional<NdDataset> dataset(String name) {
    return Optional.ofNullable(datasets.get(name));
  }

  synchronized Optional<NdProject> project(String name) {
    return Optional.ofNullable(projects.get(name));
  }

  synchronized Optional<NdToken> token(String name) {
    return Optional.ofNullable(tokens.get(name));
  }

  synchronized List<String> publicTokens() {
    return tokens.values().stream().filter(t -> t.isPublic() == 1).map(NdToken::name).toList();
  }

  synchronized List<String> publicDatasets() {
    return datasets.values().stream().filter(d -> d.isPublic() == 1).map(NdDataset::name)
        .toList();
  }

  synchronized void putDataset(NdDataset d) {
    save("datasets", d.name(), d);
    datasets.put(d.name(), d);
  }

  synchronized void putProject(NdProject p) {
    save("projects", p.name(), p);
    projects.put(p.name(), p);
  }

  synchronized void putToken(NdToken t) {
    save("tokens", t.name(), t);
    tokens.put(t.name(), t);
  }

  /** Replaces one channel of a project by {@code change} of it, atomically; returns the new. */
  synchronized NdChannel updateChannel(String project, String channel,
      UnaryOperator<NdChannel> change) {
    NdProject p = projects.get(project);
    NdChannel c = change.apply(p.channels().get(channel));
    putProject(p.withChannel(c));
    return c;
  }

  /** Runs {@code action} holding the catalog, so a multi-step change is seen whole or not. */
  synchronized <T> T atomically(java.util.function.Supplier<T> action) {
    return action.get();
  }

  private void save(String dir, String name, Object value) {
    SafeNames.require(name, dir + " name", root.toString());
    Path d = root.resolve(dir);
    try {
      Files.createDirectories(d);
      Path tmp = Files.createTempFile(d, "." + name, ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), value);
      Files.move(tmp, d.resolve(name + ".json"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new StorageException(root + ": cannot save " + dir + "/" + name + ": "
          + e.getMessage(), e);
    }
  }
}
