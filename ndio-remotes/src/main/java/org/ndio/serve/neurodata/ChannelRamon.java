package org.ndio.serve.neurodata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.ndio.StorageException;
import org.ndio.ramon.Neuron;
import org.ndio.ramon.Node;
import org.ndio.ramon.Organelle;
import org.ndio.ramon.RamonObject;
import org.ndio.ramon.Roi;
import org.ndio.ramon.Segment;
import org.ndio.ramon.Skeleton;
import org.ndio.ramon.Synapse;
import org.ndio.ramon.SynapseLink;
import org.ndio.ramon.io.RamonJson;
import org.ndio.volume.BoundingBox;

/**
 * The RAMON objects of one annotation channel: metadata (without voxels and without the fields
 * ndstore derives) and, per resolution level, a box holding every voxel the object was given
 * through RAMON posts (an upper bound: other posts may have taken some since). One JSON file per
 * object under {@code ROOT/ramon/PROJECT/CHANNEL/ID.json}, written atomically, read back at the
 * first use after a restart. Callers hold this object's lock for every multi-step change.
 */
final class ChannelRamon {

  /** An object as stored, with where its voxels lie per level. */
  record Entry(RamonObject object, Map<Integer, BoundingBox> extents) {
    Entry {
      extents = Map.copyOf(extents);
    }

    Entry withExtent(BoundingBox b) {
      Map<Integer, BoundingBox> m = new TreeMap<>(extents);
      m.merge(b.resolution(), b, ChannelRamon::union);
      return new Entry(object, m);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final TreeMap<Long, Entry> objects = new TreeMap<>();

  ChannelRamon(Path dir) {
    this.dir = dir;
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().matches("\\d+\\.json"))
          .toList()) {
        Entry e = read(f);
        objects.put(e.object().id(), e);
      }
    } catch (IOException e) {
      throw new StorageException(dir + ": cannot read the RAMON objects: " + e.getMessage(), e);
    }
  }

  private static Entry read(Path f) throws IOException {
    JsonNode n = JSON.readTree(f.toFile());
    List<RamonObject> o = RamonJson.read(n.path("ramon").asText(), f.toString());
    Map<Integer, BoundingBox> extents = new TreeMap<>();
    n.path("extents").fields().forEachRemaining(e -> {
      int level = Integer.parseInt(e.getKey());
      extents.put(level, BoundingBox.parse(e.getValue().asText()).atResolution(level));
    });
    return new Entry(o.get(0), extents);
  }

  Optional<Entry> entry(long id) {
    return Optional.ofNullable(objects.get(id));
  }

  boolean contains(long id) {
    return objects.containsKey(id);
  }

  Collection<Entry> entries() {
    return objects.values();
  }

  /** Stores (or replaces) entries, each file replaced atomically. */
  void put(List<Entry> entries) {
    for (Entry e : entries) {
      write(e);
      objects.put(e.object().id(), e);
    }
  }

  void remove(long id) {
    if (objects.remove(id) != null) {
      try {
        Files.deleteIfExists(file(id));
      } catch (IOException e) {
        throw new StorageException(dir + ": cannot delete RAMON object " + id + ": "
            + e.getMessage(), e);
      }
    }
  }

  private Path file(long id) {
    return dir.resolve(id + ".json");
  }

  private void write(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ramon", RamonJson.write(List.of(e.object())));
    ObjectNode ex = n.putObject("extents");
    e.extents().forEach((level, b) -> ex.put(String.valueOf(level), b.x0() + ":" + b.x1() + ","
        + b.y0() + ":" + b.y1() + "," + b.z0() + ":" + b.z1()));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + e.object().id(), ".tmp");
      JSON.writeValue(tmp.toFile(), n);
      Files.move(tmp, file(e.object().id()), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException x) {
      throw new StorageException(dir + ": cannot save RAMON object " + e.object().id() + ": "
          + x.getMessage(), x);
    }
  }

  /**
   * The object with the fields ndstore derives from other objects filled in: a neuron's
   * segments, a segment's synapses and organelles, a node's children, a skeleton's nodes, a
   * region's children.
   */
  RamonObject withDerived(RamonObject o) {
    long id = o.id();
    if (o instanceof Neuron n) {
      return new Neuron(n.common(), idsWhere(x -> x instanceof Segment s && s.neuron() == id),
          n.voxels());
    }
    if (o instanceof Segment s) {
      return new Segment(s.common(), s.segmentClass(), s.parentSeed(), s.neuron(),
          idsWhere(x -> x instanceof Synapse y && y.segments().stream()
              .anyMatch(l -> l.segment() == id)),
          idsWhere(x -> x instanceof Organelle g && g.segment() == id), s.voxels());
    }
    if (o instanceof Node d) {
      return new Node(d.common(), d.nodeType(), d.skeleton(), d.parent(), d.radius(),
          d.location(), idsWhere(x -> x instanceof Node c && c.parent() == id), d.voxels());
    }
    if (o instanceof Skeleton k) {
      return new Skeleton(k.common(), k.skeletonType(), k.rootNode(),
          idsWhere(x -> x instanceof Node c && c.skeleton() == id), k.voxels());
    }
    if (o instanceof Roi r) {
      return new Roi(r.common(), r.parent(), idsWhere(x -> x instanceof Roi c
          && c.parent() == id), r.voxels());
    }
    return o;
  }

  /** The object without the derived fields: what a post stores. */
  static RamonObject withoutDerived(RamonObject o) {
    if (o instanceof Neuron n) {
      return new Neuron(n.common(), List.of(), n.voxels());
    }
    if (o instanceof Segment s) {
      return new Segment(s.common(), s.segmentClass(), s.parentSeed(), s.neuron(), List.of(),
          List.of(), s.voxels());
    }
    if (o instanceof Node d) {
      return new Node(d.common(), d.nodeType(), d.skeleton(), d.parent(), d.radius(),
          d.location(), List.of(), d.voxels());
    }
    if (o instanceof Skeleton k) {
      return new Skeleton(k.common(), k.skeletonType(), k.rootNode(), List.of(), k.voxels());
    }
    if (o instanceof Roi r) {
      return new Roi(r.common(), r.parent(), List.of(), r.voxels());
    }
    return o;
  }

  /** The ids of the objects whose voxels make up {@code o}'s: a neuron's are its segments'. */
  List<Long> dataIds(RamonObject o) {
    if (o instanceof Neuron) {
      return idsWhere(x -> x instanceof Segment s && s.neuron() == o.id());
    }
    return List.of(o.id());
  }

  private List<Long> idsWhere(java.util.function.Predicate<RamonObject> p) {
    List<Long> out = new ArrayList<>();
    for (Entry e : objects.values()) {
      if (p.test(e.object())) {
        out.add(e.object().id());
      }
    }
    return out;
  }

  static BoundingBox union(BoundingBox a, BoundingBox b) {
    return new BoundingBox(Math.min(a.x0(), b.x0()), Math.max(a.x1(), b.x1()),
        Math.min(a.y0(), b.y0()), Math.max(a.y1(), b.y1()), Math.min(a.z0(), b.z0()),
        Math.max(a.z1(), b.z1()), a.resolution());
  }

  /** Links of {@code o} that name neither a stored object nor one of {@code batch}. */
  List<Long> missingLinks(RamonObject o, Map<Long, RamonObject> batch) {
    List<Long> out = new ArrayList<>();
    for (long l : new TreeMap<>(linkMap(o)).keySet()) {
      if (!objects.containsKey(l) && !batch.containsKey(l)) {
        out.add(l);
      }
    }
    return out;
  }

  private static Map<Long, Boolean> linkMap(RamonObject o) {
    Map<Long, Boolean> m = new LinkedHashMap<>();
    o.links().forEach(l -> m.put(l, true));
    if (o instanceof Synapse s) {
      for (SynapseLink l : s.segments()) {
        m.put(l.segment(), true);
      }
    }
    return m;
  }
}
