package org.ndio.ramon;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.ndio.RamonException;

/**
 * The RAMON object types. {@link #serverCode()} is the number ndstore stores in
 * {@code ANNOTATION_TYPE} and {@code ann_type}; the original Python ndio and CAJAL numbered two
 * types of their own with codes the server gives to others (7 attributed region where the server
 * has node, 8 volume where it has skeleton), kept in {@link #legacyCode()} so their files read.
 */
public enum RamonType {
  GENERIC("annotation", 1, 1),
  SYNAPSE("synapse", 2, 2),
  SEED("seed", 3, 3),
  SEGMENT("segment", 4, 4),
  NEURON("neuron", 5, 5),
  ORGANELLE("organelle", 6, 6),
  NODE("node", 7, -1),
  SKELETON("skeleton", 8, -1),
  ROI("roi", 9, -1),
  ATTRIBUTED_REGION("attributedregion", -1, 7),
  VOLUME("volume", -1, 8);

  private final String serverName;
  private final int serverCode;
  private final int legacyCode;

  RamonType(String serverName, int serverCode, int legacyCode) {
    this.serverName = serverName;
    this.serverCode = serverCode;
    this.legacyCode = legacyCode;
  }

  /** The lower-case name ndstore's JSON uses ({@code "annotation"} for the generic type). */
  public String serverName() {
    return serverName;
  }

  /**
   * ndstore's code, absent for the two types only ndio and CAJAL define: those are stored on a
   * server as generic annotations marked with the key {@link #TYPE_KEY}.
   */
  public OptionalInt serverCode() {
    return serverCode < 0 ? OptionalInt.empty() : OptionalInt.of(serverCode);
  }

  /** The code the original Python ndio and CAJAL used, absent for types they lacked. */
  public OptionalInt legacyCode() {
    return legacyCode < 0 ? OptionalInt.empty() : OptionalInt.of(legacyCode);
  }

  /**
   * The key-value pair that marks an {@link #ATTRIBUTED_REGION} or {@link #VOLUME} stored as a
   * generic annotation on a server that has no such type.
   */
  public static final String TYPE_KEY = "ndio_ramon_type";

  /** The type ndstore numbers {@code code}. */
  public static RamonType ofServerCode(int code) {
    for (RamonType t : values()) {
      if (t.serverCode == code) {
        return t;
      }
    }
    throw new RamonException("unknown RAMON type code " + code + " (ndstore numbers "
        + Arrays.stream(values()).filter(t -> t.serverCode > 0)
            .map(t -> t.serverCode + " " + t.serverName).collect(Collectors.joining(", "))
        + ")");
  }

  /** The type the original ndio and CAJAL numbered {@code code}. */
  public static RamonType ofLegacyCode(int code) {
    for (RamonType t : values()) {
      if (t.legacyCode == code) {
        return t;
      }
    }
    throw new RamonException("unknown legacy RAMON type code " + code
        + " (the original ndio numbered 1 to 8)");
  }

  /**
   * The type named {@code name}: the server's names, ndio's ({@code generic}), enum names in any
   * case, with or without underscores.
   */
  public static RamonType ofName(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (key.equals("generic")) {
      return GENERIC;
    }
    for (RamonType t : values()) {
      if (t.serverName.equals(key) || t.name().toLowerCase(Locale.ROOT).replace("_", "")
          .equals(key)) {
        return t;
      }
    }
    throw new RamonException("unknown RAMON type '" + name + "' (known: " + Arrays.stream(values())
        .map(t -> t.serverName).collect(Collectors.joining(", ")) + ", generic)");
  }
}
