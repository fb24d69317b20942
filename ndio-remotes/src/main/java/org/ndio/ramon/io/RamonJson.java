package org.ndio.ramon.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ndio.RamonException;
import org.ndio.ramon.RamonObject;

/**
 * RAMON objects as JSON. Writes ndstore's flat form ({@code annotation.toDict}): an object
 * keyed by id whose entries hold {@code ann_id}, {@code ann_type} (the server's code),
 * {@code ann_status}, {@code ann_confidence}, {@code ann_author}, the type's fields
 * ({@code syn_*}, {@code seed_*}, {@code seg_*}, {@code org_*}, {@code node_*},
 * {@code skel_*}, {@code roi_*}; coordinates as JSON text as ndstore writes them) and the
 * key-value pairs as further keys. Reads that form and the older nested one
 * ({@code {"type": name or code, "metadata": {...}}}). ndstore's JSON holds no voxels; ndio
 * writes them under {@value #VOXELS_KEY} only when asked (see README-ramon-formats.md).
 */
public final class RamonJson {

  /** The key of ndio's voxel extension in an entry. */
  public static final String VOXELS_KEY = "ndio_voxels";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private RamonJson() {}

  /** The objects' metadata in the flat form (voxels left out, as ndstore's JSON has none). */
  public static String write(List<RamonObject> objects) {
    return write(objects, false);
  }

  /**
   * The objects in the flat form, with their voxels under {@value #VOXELS_KEY} when
   * {@code withVoxels}; an object with id 0 is keyed {@code newN} (its {@code ann_id} 0).
   */
  public static String write(List<RamonObject> objects, boolean withVoxels) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    Set<Long> seen = new HashSet<>();
    int fresh = 0;
    for (RamonObject o : objects) {
      String key;
      if (o.id() == 0) {
        key = "new" + (++fresh);
      } else {
        if (!seen.add(o.id())) {
          throw new RamonException("RAMON JSON: id " + o.id() + " appears twice");
        }
        key = Long.toString(o.id());
      }
      root.set(key, RamonJsonWriter.entry(o, withVoxels, "RAMON " + o.type().serverName()
          + " " + key));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new RamonException("RAMON JSON: cannot write: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the objects to {@code file} atomically. */
  public static void write(List<RamonObject> objects, boolean withVoxels, Path file) {
    AtomicFile.write(file, write(objects, withVoxels).getBytes(StandardCharsets.UTF_8));
  }

  /** The objects in {@code json} (flat or nested form), type codes 7 and 8 read by fields. */
  public static List<RamonObject> read(String json, String source) {
    return read(json, source, TypeCodes.DETECT);
  }

  /** The objects in {@code json}; {@code source} names it in errors. */
  public static List<RamonObject> read(String json, String source, TypeCodes codes) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RamonException(source + ": malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new RamonException(source + ": empty, not JSON");
    }
    return RamonJsonReader.read(root, source, codes);
  }

  /** The objects in {@code file}. */
  public static List<RamonObject> read(Path file, TypeCodes codes) {
    byte[] b = AtomicFile.read(file);
    return read(new String(b, StandardCharsets.UTF_8), file.toString(), codes);
  }

  /** The objects in {@code file}, type codes 7 and 8 read by fields. */
  public static List<RamonObject> read(Path file) {
    return read(file, TypeCodes.DETECT);
  }
}
