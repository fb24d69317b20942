package org.ndio.remote.dvid;

import java.util.Locale;
import java.util.Optional;
import org.ndio.DataTypeException;
import org.ndio.volume.DataType;

/**
 * The DVID data types ndio reads and writes. The imageblk family holds one voxel type each;
 * labelblk, labelarray and labelmap hold uint64 labels with the label endpoints ({@code label},
 * {@code labels}); labelarray and labelmap also index labels ({@code sparsevol}, {@code
 * nextlabel}). keyvalue holds metadata. Default block edges are DVID's.
 */
public enum DvidType {
  UINT8BLK("uint8blk", DataType.UINT8, 32),
  UINT16BLK("uint16blk", DataType.UINT16, 32),
  UINT32BLK("uint32blk", DataType.UINT32, 32),
  UINT64BLK("uint64blk", DataType.UINT64, 32),
  FLOAT32BLK("float32blk", DataType.FLOAT32, 32),
  LABELBLK("labelblk", DataType.UINT64, 32),
  LABELARRAY("labelarray", DataType.UINT64, 64),
  LABELMAP("labelmap", DataType.UINT64, 64),
  KEYVALUE("keyvalue", null, 0);

  private final String typeName;
  private final DataType dtype;
  private final int defaultBlock;

  DvidType(String typeName, DataType dtype, int defaultBlock) {
    this.typeName = typeName;
    this.dtype = dtype;
    this.defaultBlock = defaultBlock;
  }

  /** DVID's name, as in {@code Base.TypeName}. */
  public String typeName() {
    return typeName;
  }

  /** The voxel type, empty for keyvalue. */
  public Optional<DataType> dtype() {
    return Optional.ofNullable(dtype);
  }

  public int defaultBlock() {
    return defaultBlock;
  }

  public boolean isLabel() {
    return this == LABELBLK || this == LABELARRAY || this == LABELMAP;
  }

  /** Whether the type keeps a label index: sparse volumes and the label counter. */
  public boolean isIndexed() {
    return this == LABELARRAY || this == LABELMAP;
  }

  /** labelarray and labelmap need block edges that are multiples of 16. */
  public boolean needsBlocksOf16() {
    return isIndexed();
  }

  public static Optional<DvidType> fromTypeName(String name) {
    for (DvidType t : values()) {
      if (t.typeName.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type a new instance of {@code d} voxels gets: labelmap for uint64 (labels). */
  public static DvidType forDataType(DataType d) {
    switch (d) {
      case UINT8:
        return UINT8BLK;
      case UINT16:
        return UINT16BLK;
      case UINT32:
        return UINT32BLK;
      case UINT64:
        return LABELMAP;
      case FLOAT32:
        return FLOAT32BLK;
      default:
        throw new DataTypeException("DVID has no instance type for " + d.numpyName()
            + " voxels (uint8blk, uint16blk, uint32blk, float32blk, and labelmap for uint64)");
    }
  }
}
