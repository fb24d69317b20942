package org.ndio.store;

import java.util.Map;
import java.util.Optional;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * What a store says about a volume: its data type, its extent (the box of valid voxels, not
 * always starting at 0 for remotes), its native chunk shape (the unit it reads and writes
 * best; a whole section or the whole volume for unchunked files), its voxel size where known,
 * the compression of stored chunks and any further attributes the format carries.
 *
 * @param compressor a short description such as {@code blosc:lz4:5:byte}, or {@code none}
 * @param attributes format-specific metadata, JSON-compatible (maps, lists, strings, numbers)
 */
public record VolumeInfo(DataType dtype, BoundingBox extent, Size3 chunks,
    Optional<VoxelSize> voxelSize, String compressor, Map<String, Object> attributes) {

  public VolumeInfo {
    attributes = Map.copyOf(attributes);
  }

  public VolumeInfo(DataType dtype, BoundingBox extent, Size3 chunks) {
    this(dtype, extent, chunks, Optional.empty(), "none", Map.of());
  }

  public VolumeInfo withVoxelSize(VoxelSize v) {
    return new VolumeInfo(dtype, extent, chunks, Optional.ofNullable(v), compressor, attributes);
  }

  public VolumeInfo withAttributes(Map<String, Object> a) {
    return new VolumeInfo(dtype, extent, chunks, voxelSize, compressor, a);
  }
}
