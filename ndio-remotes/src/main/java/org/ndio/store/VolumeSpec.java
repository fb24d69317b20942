package org.ndio.store;

import java.util.Map;
import java.util.Optional;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * What to create: a volume of {@code shape} voxels of {@code dtype}, with optional chunk shape
 * and compressor (a format's defaults where empty), voxel size and extra attributes.
 *
 * @param compressor a compressor spec as {@link org.ndio.codec.Codecs#parse} reads it
 */
public record VolumeSpec(DataType dtype, Size3 shape, Optional<Size3> chunks,
    Optional<String> compressor, Optional<VoxelSize> voxelSize, Map<String, Object> attributes) {

  public VolumeSpec {
    attributes = Map.copyOf(attributes);
  }

  public static VolumeSpec of(DataType dtype, Size3 shape) {
    return new VolumeSpec(dtype, shape, Optional.empty(), Optional.empty(), Optional.empty(),
        Map.of());
  }

  public VolumeSpec withChunks(Size3 c) {
    return new VolumeSpec(dtype, shape, Optional.ofNullable(c), compressor, voxelSize, attributes);
  }

  public VolumeSpec withCompressor(String c) {
    return new VolumeSpec(dtype, shape, chunks, Optional.ofNullable(c), voxelSize, attributes);
  }

  public VolumeSpec withVoxelSize(VoxelSize v) {
    return new VolumeSpec(dtype, shape, chunks, compressor, Optional.ofNullable(v), attributes);
  }

  public VolumeSpec withAttributes(Map<String, Object> a) {
    return new VolumeSpec(dtype, shape, chunks, compressor, voxelSize, a);
  }
}
