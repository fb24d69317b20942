package org.ndio.format.hdf5;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;

/**
 * Where everything goes in an HDF5 file holding one contiguous, unfiltered dataset: the
 * superblock, then the object headers of the root group, of each group on the dataset's path
 * and of the dataset, then the voxels from a page-aligned address (or one a kernel copy chose,
 * see {@link ContiguousHdf5Writer#placeFor}) to the end of the file. The metadata depends only
 * on the path, type, shape and attributes, so the voxels' place is known before any of them is
 * written.
 */
final class Hdf5ContiguousLayout {

  /** The voxels start on a page boundary, so whole-page writes of them stay aligned. */
  static final long DATA_ALIGNMENT = 4096;

  private final List<List<Hdf5Message>> headers = new ArrayList<>();
  private final List<Long> addresses = new ArrayList<>();
  private final long dataAddress;
  private final long dataSize;

  /**
   * @param segments the dataset's path below the root, its last element the dataset's name
   * @param attributes as {@link Hdf5Attributes#values} gives them; check with {@link #fits}
   */
  Hdf5ContiguousLayout(List<String> segments, DataType dtype, Size3 shape,
      Map<String, Object> attributes) {
    this(segments, dtype, shape, attributes, DATA_ALIGNMENT, 0);
  }

  /**
   * A layout whose voxels start at the first free address that is {@code phase} past a
   * multiple of {@code alignment} (a power of two).
   */
  Hdf5ContiguousLayout(List<String> segments, DataType dtype, Size3 shape,
      Map<String, Object> attributes, long alignment, long phase) {
    this.dataSize = shape.x() * shape.y() * shape.z() * dtype.bytes();
    // Header sizes do not depend on the addresses they hold: place them first, fill in after.
    List<Hdf5Message> dataset = datasetMessages(dtype, shape, attributes, 0);
    long at = Hdf5Superblock.SIZE;
    for (String name : segments) {
      addresses.add(at);
      at += Hdf5ObjectHeader.size(groupMessages(name, 0));
    }
    addresses.add(at);
    at += Hdf5ObjectHeader.size(dataset);
    long p = Math.floorMod(phase, alignment);
    this.dataAddress = (at - p + alignment - 1) / alignment * alignment + p;
    for (int i = 0; i < segments.size(); i++) {
      headers.add(groupMessages(segments.get(i), addresses.get(i + 1)));
    }
    headers.add(datasetMessages(dtype, shape, attributes, dataAddress));
  }

  /** Whether every attribute fits in a header message (whose size field has two bytes). */
  static boolean fits(Map<String, Object> attributes) {
    return attributes.entrySet().stream().allMatch(e ->
        Hdf5AttributeEncoder.encode(e.getKey(), e.getValue()).body().length
            <= Hdf5Message.MAX_BODY);
  }

  private static List<Hdf5Message> groupMessages(String child, long childAddress) {
    return List.of(Hdf5Message.compactLinkInfo(), Hdf5Message.groupInfo(),
        Hdf5Message.hardLink(child, childAddress));
  }

  private List<Hdf5Message> datasetMessages(DataType dtype, Size3 shape,
      Map<String, Object> attributes, long address) {
    List<Hdf5Message> m = new ArrayList<>(List.of(
        Hdf5Message.dataspaceOf(shape.z(), shape.y(), shape.x()),
        Hdf5Message.datatype(Hdf5Datatype.of(dtype)),
        Hdf5Message.defaultFillValue(),
        Hdf5Message.contiguousLayout(address, dataSize)));
    attributes.forEach((k, v) -> m.add(Hdf5AttributeEncoder.encode(k, v)));
    return m;
  }

  /** The file offset of voxel (0, 0, 0). */
  long dataAddress() {
    return dataAddress;
  }

  long dataSize() {
    return dataSize;
  }

  long endOfFile() {
    return dataAddress + dataSize;
  }

  /** The superblock and object headers, to be written at offset 0 (they end before the data). */
  byte[] metadata() {
    LittleEndianOut o = new LittleEndianOut().bytes(
        Hdf5Superblock.encode(endOfFile(), addresses.get(0)));
    for (List<Hdf5Message> h : headers) {
      o.bytes(Hdf5ObjectHeader.encode(h));
    }
    return o.toArray();
  }
}
