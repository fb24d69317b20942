package org.ndio.format.zarr;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.storage.Storage;
import org.ndio.store.ReadStats;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * An OME-Zarr multiscale group read as one volume: level 0 by default, any level through
 * {@link #level(int)}; each level is the group's array at that dataset's path, with the voxel
 * size from its scale.
 */
final class ZarrMultiscale implements VolumeReader {

  private final Storage group;
  private final Multiscales ms;
  private final String name;
  private final Map<Integer, ZarrArray> opened = new HashMap<>();

  ZarrMultiscale(Storage group, Multiscales ms, String name) {
    this.group = group;
    this.ms = ms;
    this.name = name;
  }

  @Override
  public synchronized ZarrArray level(int level) {
    if (level < 0 || level >= ms.levels().size()) {
      throw new BoxOutOfBoundsException(name + " has no resolution level " + level
          + " (levels 0.." + (ms.levels().size() - 1) + ")");
    }
    return opened.computeIfAbsent(level, l -> {
      Multiscales.Level lv = ms.levels().get(l);
      Storage s = group.child(lv.path());
      return ZarrArray.open(s, name + " level " + l).asLevel(l,
          Optional.of(lv.voxelSize(ms.unit())));
    });
  }

  public Multiscales multiscales() {
    return ms;
  }

  @Override
  public int levelCount() {
    return ms.levels().size();
  }

  @Override
  public VolumeInfo info() {
    return level(0).info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return level(box.resolution()).read(box);
  }

  @Override
  public void readInto(BoundingBox box, Volume target) {
    level(box.resolution()).readInto(box, target);
  }

  @Override
  public ReadStats stats() {
    return level(0).stats();
  }

  @Override
  public String toString() {
    return name;
  }
}
