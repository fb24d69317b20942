package org.ndio.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.dataset.DatasetBase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.CorruptDataException;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.volume.Volume;

/**
 * Small HDF5 files held in memory, as web services send and take them (ndstore's {@code hdf5}
 * cutouts): read with jhdf straight from the bytes, written with jhdf through a temporary file
 * (its writer only writes files).
 */
public final class Hdf5Bytes implements AutoCloseable {

  private final HdfFile file;
  private final String where;

  private Hdf5Bytes(HdfFile file, String where) {
    this.file = file;
    this.where = where;
  }

  /** Opens an HDF5 file held in {@code bytes}; {@code where} names it in messages. */
  public static Hdf5Bytes open(byte[] bytes, String where) {
    try {
      return new Hdf5Bytes(HdfFile.fromBytes(bytes), where);
    } catch (RuntimeException e) {
      throw new CorruptDataException(where + ": not a readable HDF5 file: " + message(e), e);
    }
  }

  /** The file's root group, for callers that walk a tree of groups (RAMON files). */
  public io.jhdf.api.Group root() {
    return file;
  }

  /** Whether an object exists at {@code path}. */
  public boolean has(String path) {
    try {
      return file.getByPath(path) != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The whole dataset at {@code path} as a volume: 3D {@code (z, y, x)}, or with extra leading
   * axes of size 1 (a time or channel axis).
   */
  public Volume volume(String path) {
    String at = where + "#" + path;
    try {
      return volume(Hdf5Tree.dataset(file, Hdf5Tree.normalise(path, where), where), at);
    } catch (NdioException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptDataException(at + ": cannot read HDF5 data: " + message(e), e);
    }
  }

  /**
   * Dataset {@code d} as a volume (as {@link #volume(String)}); {@code at} names it in
   * messages.
   */
  public static Volume volume(Dataset d, String at) {
    try {
      if (!(d instanceof DatasetBase ds)) {
        throw new UnsupportedFeatureException(at + ": jhdf gives no raw access to it");
      }
      Hdf5Type type = Hdf5Type.of(ds.getDataType(), at);
      long[] dims = ds.getDimensionsAsLong();
      int r = dims.length;
      for (int i = 0; i < r - 3; i++) {
        if (dims[i] != 1) {
          r = -1;
        }
      }
      if (r < 3) {
        throw new UnsupportedFeatureException(at + " has shape " + Arrays.toString(dims)
            + "; expected a 3D (z, y, x) dataset");
      }
      long sx = dims[r - 1];
      long sy = dims[r - 2];
      long sz = dims[r - 3];
      long bytes = Volume.byteSize(type.dtype(), sx, sy, sz);
      ByteBuffer b = ds.isEmpty() ? ByteBuffer.allocate((int) bytes) : ds.getDataBuffer();
      if (b.remaining() != bytes) {
        throw new CorruptDataException(at + ": jhdf returned " + b.remaining() + " bytes, "
            + bytes + " expected for shape " + Arrays.toString(dims));
      }
      byte[] raw;
      if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0
          && b.array().length == bytes) {
        raw = b.array();
      } else {
        raw = new byte[(int) bytes];
        b.duplicate().get(raw);
      }
      return Volume.fromBytes(type.dtype(), (int) sx, (int) sy, (int) sz, raw, 0, type.order());
    } catch (NdioException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptDataException(at + ": cannot read HDF5 data: " + message(e), e);
    }
  }

  /** The first string of the string dataset at {@code path} (h5py writes such fields). */
  public String string(String path) {
    String at = where + "#" + path;
    try {
      Object data = Hdf5Tree.dataset(file, Hdf5Tree.normalise(path, where), where).getData();
      if (data instanceof String s) {
        return s;
      }
      if (data instanceof String[] a && a.length > 0) {
        return a[0];
      }
      throw new CorruptDataException(at + " does not hold a string");
    } catch (NdioException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CorruptDataException(at + ": cannot read HDF5 data: " + message(e), e);
    }
  }

  @Override
  public void close() {
    file.close();
  }

  /**
   * What to write: datasets by path (intermediate groups are made), each a {@link Volume}
   * (stored {@code (z, y, x)}, unsigned types as HDF5 unsigned integers, gzip-compressed in
   * chunks of whole sections when {@code gzipLevel >= 0}), a small {@link Hdf5Array} (stored
   * as it is) or a {@link String} (a one-element fixed-length UTF-8 string dataset: jhdf
   * writes no variable-length strings).
   */
  public static byte[] write(Map<String, Object> datasets, int gzipLevel, String where) {
    Path temp;
    try {
      temp = Files.createTempFile("ndio-", ".h5");
    } catch (IOException e) {
      throw new StorageException(where + ": cannot create a temporary HDF5 file: "
          + e.getMessage(), e);
    }
    try {
      Files.delete(temp);
      try (WritableHdfFile out = HdfFile.write(temp)) {
        Map<String, WritableGroup> groups = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : datasets.entrySet()) {
          List<String> parts = Hdf5Tree.segments(e.getKey());
          WritableGroup g = out;
          String prefix = "";
          for (String p : parts.subList(0, parts.size() - 1)) {
            prefix = prefix + "/" + p;
            WritableGroup parent = g;
            g = groups.computeIfAbsent(prefix, k -> parent.putGroup(p));
          }
          String leaf = parts.get(parts.size() - 1);
          if (e.getValue() instanceof Volume v) {
            g.putDataset(leaf, JavaArrays.of(v), options(v, gzipLevel));
          } else if (e.getValue() instanceof Hdf5Array a) {
            g.putDataset(leaf, a.data(), a.unsigned()
                ? DatasetCreationOptions.builder().unsigned().build()
                : DatasetCreationOptions.builder().build());
          } else {
            g.putDataset(leaf, new String[] {String.valueOf(e.getValue())});
          }
        }
      }
      return Files.readAllBytes(temp);
    } catch (IOException e) {
      throw new StorageException(where + ": cannot write a temporary HDF5 file: "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new NdioException(where + ": jhdf could not write the file: " + message(e), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }

  private static DatasetCreationOptions options(Volume v, int gzipLevel) {
    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
    if (!v.dtype().isSigned()) {
      b.unsigned();
    }
    if (gzipLevel >= 0) {
      b.chunkDimensions(1, v.sizeY(), v.sizeX());
      b.deflate(gzipLevel);
    }
    return b.build();
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
