package org.ndio.remote.neurodata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * The {@code dataset} part of a project's {@code info/}: per resolution level the image size,
 * the offset of its first voxel, the voxel size (nanometres) and the cube the server stores.
 * Voxels at level {@code r} lie in {@code [offset, offset + imagesize)} per axis; datasets need
 * not start at 0 (kasthuri11 starts at z = 1).
 *
 * @param scaling {@code zslices} (levels halve x and y) or {@code xyz} (they halve z too)
 */
public record DatasetInfo(String name, String description, String scaling, int scalingLevels,
    SortedMap<Integer, List<Long>> imageSize, SortedMap<Integer, List<Long>> offset,
    SortedMap<Integer, List<Double>> voxelRes, SortedMap<Integer, List<Long>> cubeDimension) {

  public DatasetInfo {
    imageSize = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(imageSize));
    offset = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(offset));
    voxelRes = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(voxelRes));
    cubeDimension =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(cubeDimension));
  }

  /** Whether the dataset has level {@code r}. */
  public boolean hasLevel(int r) {
    return imageSize.containsKey(r) && offset.containsKey(r) && cubeDimension.containsKey(r);
  }

  /** The levels, 0 first. */
  public List<Integer> levels() {
    return List.copyOf(imageSize.keySet());
  }

  /** The box of valid voxels at level {@code r}: {@code [offset, offset + imagesize)}. */
  public BoundingBox extent(int r) {
    List<Long> o = offset.get(r);
    List<Long> s = imageSize.get(r);
    return new BoundingBox(o.get(0), o.get(0) + s.get(0), o.get(1), o.get(1) + s.get(1),
        o.get(2), o.get(2) + s.get(2), r);
  }

  /** The cube the server stores and reads whole at level {@code r}. */
  public Size3 cube(int r) {
    List<Long> c = cubeDimension.get(r);
    return new Size3(c.get(0), c.get(1), c.get(2));
  }

  /** The voxel size at level {@code r}, if the server gives a positive one. */
  public Optional<VoxelSize> voxelSize(int r) {
    List<Double> v = voxelRes.get(r);
    if (v == null || v.size() != 3 || !(v.get(0) > 0) || !(v.get(1) > 0) || !(v.get(2) > 0)) {
      return Optional.empty();
    }
    return Optional.of(new VoxelSize(v.get(0), v.get(1), v.get(2), "nanometer"));
  }

  /** The level-0 fields as ndstore's {@code autoIngest} takes them (for adding channels). */
  public Map<String, Object> ingestFields() {
    return Map.of("dataset_name", name, "imagesize", imageSize.get(0), "voxelres",
        voxelRes.get(0), "offset", offset.get(0), "scalinglevels", scalingLevels,
        "scaling", scaling.equals("xyz") ? 1 : 0);
  }
}
