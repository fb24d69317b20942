package org.ndio.format;

import java.io.IOException;
import org.ndio.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writer for formats that store a volume as one file or one directory of section files (npy,
 * npz, HDF5, NIfTI, TIFF, PNG). It gathers the volume in memory, then at {@link #commit()}
 * writes it under a temporary name beside the target and renames it into place, so the target
 * is either absent, the old file, or the complete new one.
 */
public abstract class WholeFileWriter implements VolumeWriter {

  private final Path target;
  private final WriteMode mode;
  private final VolumeSpec spec;
  private final Volume buffer;
  private final Path temp;
  private boolean committed;

  protected WholeFileWriter(Path target, VolumeSpec spec, WriteMode mode) {
    this.target = target.toAbsolutePath().normalize();
    this.mode = mode;
    this.spec = spec;
    checkTarget(this.target, mode);
    Size3 s = spec.shape();
    this.buffer = Volume.allocate(spec.dtype(), s.x(), s.y(), s.z());
    this.temp = this.target.resolveSibling(
        "." + this.target.getFileName() + ".ndio-tmp-" + UUID.randomUUID());
  }

  /** Refuses an existing target unless overwriting; checked before any work is done. */
  public static void checkTarget(Path target, WriteMode mode) {
    if (mode == WriteMode.APPEND || mode == WriteMode.CREATE_OR_APPEND) {
      throw new UnsupportedFeatureException(target + " is written whole; appending to a volume"
          + " works on zarr: arrays and remotes");
    }
    if (mode == WriteMode.ERROR_IF_EXISTS && Files.exists(target)) {
      throw new VolumeExistsException(
          target + " already exists (pass --overwrite / WriteMode.OVERWRITE to replace it)");
    }
  }

  /** Writes the complete volume to {@code temp}, a file or directory path that does not exist. */
  protected abstract void writeTo(Path temp, Volume volume, VolumeSpec spec) throws IOException;

  /** The chunk shape reported by {@link #info()} while writing. */
  protected Size3 chunks() {
    return spec.shape();
  }

  protected VolumeSpec spec() {
    return spec;
  }

  @Override
  public VolumeInfo info() {
    return new VolumeInfo(spec.dtype(), buffer.shape(), chunks()).withVoxelSize(
        spec.voxelSize().orElse(null)).withAttributes(spec.attributes());
  }

  @Override
  public Volume read(BoundingBox box) {
    buffer.shape().requireContains(box, target.toString());
    return buffer.view(box).copy();
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    buffer.shape().requireContains(
        BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ()), target.toString());
    buffer.copyFrom(data, (int) x, (int) y, (int) z);
  }

  @Override
  public void commit() {
    if (committed) {
      return;
    }
    try {
      Files.createDirectories(target.getParent());
      writeTo(temp, buffer, spec);
      checkTarget(target, mode);
      if (Files.isDirectory(temp) && Files.exists(target)) {
        // A directory cannot be renamed over another: move the old one aside first.
        Path old = target.resolveSibling("." + target.getFileName() + ".ndio-old-"
            + UUID.randomUUID());
        Files.move(target, old);
        Files.move(temp, target);
        LocalStorage.deleteTree(old);
      } else {
        LocalStorage.moveAtomically(temp, target);
      }
      committed = true;
    } catch (IOException e) {
      throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!committed) {
        LocalStorage.deleteTree(temp);
      }
    }
  }

  @Override
  public void close() {
    if (!committed) {
      LocalStorage.deleteTree(temp);
    }
  }
}
