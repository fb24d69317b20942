package org.ndio.serve.dvid;

import java.util.Locale;
import java.util.Optional;
import org.ndio.volume.DataType;

/**
 * The DVID data types this server keeps: the imageblk family ({@code uint8blk} to {@code
 * float32blk}), the three label types and {@code keyvalue}. Default block sizes are DVID's: 32
 * for imageblk and labelblk, 64 for labelarray and labelmap (whose blocks must be multiples of
 * 16).
 */
enum InstanceType {
  UINT8BLK("uint8blk", DataType.UINT8, Kind.IMAGE, 32, "imageblk/uint8.go", "0.2"),
  UINT16BLK("uint16blk", DataType.UINT16, Kind.IMAGE, 32, "imageblk/uint16.go", "0.1"),
  UINT32BLK("uint32blk", DataType.UINT32, Kind.IMAGE, 32, "imageblk/uint32.go", "0.1"),
  UINT64BLK("uint64blk", DataType.UINT64, Kind.IMAGE, 32, "imageblk/uint64.go", "0.1"),
  FLOAT32BLK("float32blk", DataType.FLOAT32, Kind.IMAGE, 32, "imageblk/float32.go", "0.1"),
  LABELBLK("labelblk", DataType.UINT64, Kind.LABEL, 32, "labelblk", "0.1"),
  LABELARRAY("labelarray", DataType.UINT64, Kind.INDEXED_LABEL, 64, "labelarray", "0.1"),
  LABELMAP("labelmap", DataType.UINT64, Kind.INDEXED_LABEL, 64, "labelmap", "0.1"),
  KEYVALUE("keyvalue", null, Kind.KEYVALUE, 0, "keyvalue", "0.2");

  /** What the endpoints of a type are. */
  enum Kind { IMAGE, LABEL, INDEXED_LABEL, KEYVALUE }

  private final String typeName;
  private final DataType dtype;
  private final Kind kind;
  private final int defaultBlock;
  private final String source;
  private final String version;

  InstanceType(String typeName, DataType dtype, Kind kind, int defaultBlock, String source,
      String version) {
    this.typeName = typeName;
    this.dtype = dtype;
    this.kind = kind;
    this.defaultBlock = defaultBlock;
    this.source = source;
    this.version = version;
  }

  static Optional<InstanceType> fromName(String name) {
    for (InstanceType t : values()) {
      if (t.typeName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  String typeName() {
    return typeName;
  }

  /** The voxel type; none for keyvalue. */
  DataType dtype() {
    return dtype;
  }

  boolean hasVoxels() {
    return kind != Kind.KEYVALUE;
  }

  /** label, labels and the compressed raw transfers. */
  boolean isLabel() {
    return kind == Kind.LABEL || kind == Kind.INDEXED_LABEL;
  }

  /** maxlabel, nextlabel, sparsevol and sparsevol-size (labelarray and labelmap). */
  boolean isIndexed() {
    return kind == Kind.INDEXED_LABEL;
  }

  int defaultBlock() {
    return defaultBlock;
  }

  /** labelarray and labelmap blocks must be multiples of 16 on every axis. */
  boolean needsBlocksOf16() {
    return this == LABELARRAY || this == LABELMAP;
  }

  String typeUrl() {
    return "github.com/janelia-flyem/dvid/datatype/" + source;
  }

  String typeVersion() {
    return version;
  }
}
