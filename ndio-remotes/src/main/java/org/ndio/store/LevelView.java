package org.ndio.store;

import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * One resolution level of a reader that serves every level (a remote answers boxes at the
 * level they carry): the level's own extent, chunks and voxel size, reads checked against
 * them. The parent stays open and owned by its opener.
 */
public final class LevelView implements VolumeReader {

  private final VolumeReader parent;
  private final VolumeInfo info;

  public LevelView(VolumeReader parent, VolumeInfo info) {
    this.parent = parent;
    this.info = info;
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    info.extent().requireContains(box, parent + " at resolution " + box.resolution());
    return parent.read(box);
  }

  @Override
  public void readInto(BoundingBox box, Volume target) {
    info.extent().requireContains(box, parent + " at resolution " + box.resolution());
    parent.readInto(box, target);
  }

  @Override
  public int levelCount() {
    return parent.levelCount();
  }

  @Override
  public VolumeReader level(int level) {
    return parent.level(level);
  }

  @Override
  public ReadStats stats() {
    return parent.stats();
  }

  @Override
  public String toString() {
    return parent.toString();
  }
}
