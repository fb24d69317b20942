package org.ndio.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.message.DataLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ndio.CorruptDataException;
import org.ndio.InvalidUrlException;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;
import org.ndio.format.LocalFile;
import org.ndio.format.RowRuns;
import org.ndio.store.FileBytes;
import org.ndio.store.RawBytesSource;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Reads a 2D {@code (y, x)} or 3D {@code (z, y, x)} dataset of an HDF5 file with jhdf:
 * contiguous, chunked (with the filters jhdf decodes: gzip, shuffle, fletcher32, lzf, lz4,
 * bitshuffle) or compact, in either byte order. A read asks jhdf for the raw bytes of just its
 * box ({@code getSliceDataBuffer}, the byte form of {@code getData(offset, shape)}), so only the
 * chunks or rows it touches are read and decoded; chunks never written read as the dataset's
 * fill value, as in h5py. A contiguous little-endian dataset also names the file bytes of boxes
 * of whole rows, for copies that need not decode them.
 */
public final class Hdf5Reader implements VolumeReader, RawBytesSource {

  private final String where;
  private final Path path;
  private final HdfFile file;
  private final DatasetBase dataset;
  private final Hdf5Type type;
  private final int rank;
  private final VolumeInfo info;
  // One element of the fill value in the file's byte order; null when it is zero.
  private final byte[] fill;
  // The file as the kernel copies from it (jhdf keeps its own), opened on the first raw read.
  private FileChannel channel;

  private Hdf5Reader(String where, Path path, HdfFile file, DatasetBase dataset, Hdf5Type type,
      int rank, VolumeInfo info, byte[] fill) {
    this.where = where;
    this.path = path;
    this.file = file;
    this.dataset = dataset;
    this.type = type;
    this.rank = rank;
    this.info = info;
    this.fill = fill;
  }

  /** Opens {@code hdf5:FILE[#/path]}. */
  public static Hdf5Reader open(VolumeUrl url) {
    Path p = LocalFile.existingFileOrDirectory(url);
    if (!Files.isRegularFile(p)) {
      throw new VolumeNotFoundException(url + ": " + p + " is not a file");
    }
    HdfFile hdf = openFile(p, url.toString());
    try {
      return open(url, p, hdf);
    } catch (RuntimeException e) {
      hdf.close();
      throw jhdfError(url.toString(), e);
    }
  }

  static HdfFile openFile(Path p, String where) {
    try {
      return new HdfFile(p);
    } catch (RuntimeException e) {
      throw new CorruptDataException(where + ": not a readable HDF5 file: " + message(e), e);
    }
  }

  private static Hdf5Reader open(VolumeUrl url, Path p, HdfFile hdf) {
    String path;
    if (url.hasFragment() && !Hdf5Tree.normalise(url.fragment(), url.toString()).equals("/")) {
      path = Hdf5Tree.normalise(url.fragment(), url.toString());
    } else {
      List<String> all = Hdf5Tree.datasets(hdf);
      if (all.isEmpty()) {
        throw new VolumeNotFoundException(url + ": " + p + " holds no datasets");
      }
      if (all.size() > 1) {
        throw new InvalidUrlException(
            url + ": " + p + " holds " + all.size() + " datasets (" + Hdf5Tree.list(all)
                + "); name one, as in hdf5:" + url.location() + "#" + all.get(0));
      }
      path = all.get(0);
    }
    String where = "hdf5:" + url.location() + "#" + path;
    Dataset d = Hdf5Tree.dataset(hdf, path, where);
    if (!(d instanceof DatasetBase ds)) {
      throw new UnsupportedFeatureException(where + ": jhdf gives no raw access to this dataset");
    }
    Hdf5Type type = Hdf5Type.of(ds.getDataType(), where);
    long[] dims = ds.getDimensionsAsLong();
    int rank = dims.length;
    if (rank != 2 && rank != 3) {
      throw new UnsupportedFeatureException(
          where + " has shape " + Arrays.toString(dims) + "; volumes are 2D (y, x) or 3D"
              + " (z, y, x) datasets");
    }
    long sx = dims[rank - 1];
    long sy = dims[rank - 2];
    long sz = rank == 3 ? dims[0] : 1;
    if (sx == 0 || sy == 0 || sz == 0) {
      throw new UnsupportedFeatureException(
          where + " is empty (shape " + Arrays.toString(dims) + ")");
    }
    String compressor;
    try {
      compressor = Hdf5Compression.describe(ds.getFilters());
    } catch (HdfException e) {
      throw new UnsupportedFeatureException(
          where + " uses an HDF5 filter jhdf cannot decode: " + message(e), e);
    }
    checkContiguousExtent(ds, where, size(p, where));
    Map<String, Object> attrs = Hdf5Attributes.read(ds);
    VolumeInfo info = new VolumeInfo(type.dtype(), BoundingBox.ofShape(sx, sy, sz),
        chunks(ds, sx, sy, sz), Hdf5Attributes.voxelSize(attrs), compressor, attrs);
    return new Hdf5Reader(where, p, hdf, ds, type, rank, info, fillBytes(ds, type));
  }

  private static Size3 chunks(DatasetBase ds, long sx, long sy, long sz) {
    DataLayout layout = ds.getDataLayout();
    if (layout == DataLayout.CHUNKED && ds instanceof ChunkedDataset c) {
      int[] ch = c.getChunkDimensions();
      int r = ch.length;
      return new Size3(ch[r - 1], ch[r - 2], r == 3 ? ch[0] : 1);
    }
    // Contiguous data is stored section by section; compact data sits whole in the header.
    return layout == DataLayout.COMPACT ? new Size3(sx, sy, sz) : new Size3(sx, sy, 1);
  }

  // jhdf reads rows lazily; a truncated file would otherwise fail on some reads only.
  private static void checkContiguousExtent(DatasetBase ds, String where, long fileSize) {
    if (ds instanceof ContiguousDataset c && !ds.isEmpty()) {
      long end = c.getDataAddress() + ds.getSizeInBytes();
      if (c.getDataAddress() < 0 || end > fileSize) {
        throw new CorruptDataException(
            where + " is truncated: its data runs to byte " + end + ", the file has "
                + fileSize + " bytes");
      }
    }
  }

  private static byte[] fillBytes(DatasetBase ds, Hdf5Type type) {
    Object v;
    try {
      v = ds.getFillValue();
    } catch (RuntimeException e) {
      v = null;
    }
    if (!(v instanceof Number n)) {
      return null;
    }
    ByteBuffer b = ByteBuffer.allocate(type.dtype().bytes()).order(type.order());
    switch (type.dtype()) {
      case FLOAT32 -> b.putFloat(n.floatValue());
      case FLOAT64 -> b.putDouble(n.doubleValue());
      case UINT8, INT8 -> b.put((byte) n.longValue());
      case UINT16, INT16 -> b.putShort((short) n.longValue());
      case UINT32, INT32 -> b.putInt((int) n.longValue());
      case UINT64, INT64 -> b.putLong(n.longValue());
    }
    byte[] out = b.array();
    for (byte x : out) {
      if (x != 0) {
        return out;
      }
    }
    return null;
  }

  private static long size(Path p, String where) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new StorageException(where + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  // Our errors pass unchanged; jhdf's (and runtime errors on malformed bytes) become a
  // typed error naming the file and dataset.
  private static NdioException jhdfError(String where, RuntimeException e) {
    if (e instanceof NdioException n) {
      return n;
    }
    return new CorruptDataException(where + ": cannot read HDF5 data: " + message(e), e);
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    info.extent().requireContains(box, where);
    int sx = (int) box.sizeX();
    int sy = (int) box.sizeY();
    int sz = (int) box.sizeZ();
    Volume.byteSize(type.dtype(), sx, sy, sz);
    long[] offset = rank == 3 ? new long[] {box.z0(), box.y0(), box.x0()}
        : new long[] {box.y0(), box.x0()};
    int[] shape = rank == 3 ? new int[] {sz, sy, sx} : new int[] {sy, sx};
    byte[] raw;
    try {
      raw = rawSlice(offset, shape);
    } catch (RuntimeException e) {
      throw jhdfError(where, e);
    }
    return Volume.fromBytes(type.dtype(), sx, sy, sz, raw, 0, type.order());
  }

  private byte[] rawSlice(long[] offset, int[] shape) {
    int elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    int size = type.dtype().bytes();
    if (dataset.isEmpty()) {
      // Nothing was ever written (h5py's create_dataset without data): all fill value.
      byte[] out = new byte[elements * size];
      if (fill != null) {
        fillRegion(out, shape, new long[shape.length], shape);
      }
      return out;
    }
    if (dataset.getDataLayout() == DataLayout.COMPACT) {
      return sliceOf(bytes(dataset.getDataBuffer()), offset, shape);
    }
    byte[] out = bytes(dataset.getSliceDataBuffer(offset, shape));
    if (out.length != elements * size) {
      throw new CorruptDataException(
          where + ": jhdf returned " + out.length + " bytes for a slice of " + elements
              + " elements");
    }
    if (fill != null && dataset instanceof ChunkedDataset c) {
      fillMissingChunks(c, out, offset, shape);
    }
    return out;
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    if (d.hasArray() && d.arrayOffset() == 0 && d.position() == 0
        && d.remaining() == d.array().length) {
      return d.array();
    }
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  /** The C-order box {@code offset + shape} of a whole dataset's bytes. */
  private byte[] sliceOf(byte[] all, long[] offset, int[] shape) {
    long[] dims = dataset.getDimensionsAsLong();
    int size = type.dtype().bytes();
    if (all.length < Arrays.stream(dims).reduce(1, Math::multiplyExact) * size) {
      throw new CorruptDataException(where + ": compact data is shorter than its shape");
    }
    int r = shape.length;
    int rowBytes = shape[r - 1] * size;
    int rows = Arrays.stream(shape).reduce(1, Math::multiplyExact) / shape[r - 1];
    byte[] out = new byte[rows * rowBytes];
    for (int row = 0; row < rows; row++) {
      int z = r == 3 ? row / shape[1] : 0;
      int y = r == 3 ? row % shape[1] : row;
      long src = ((r == 3 ? (offset[0] + z) * dims[1] : 0) + offset[r - 2] + y) * dims[r - 1]
          + offset[r - 1];
      System.arraycopy(all, (int) (src * size), out, row * rowBytes, rowBytes);
    }
    return out;
  }

  // jhdf leaves the parts of a slice whose chunks were never written as zeros; h5py gives the
  // fill value there. getSliceDataBuffer has already mapped every chunk that exists, so a
  // chunk jhdf cannot find now is one that was never written.
  private void fillMissingChunks(ChunkedDataset c, byte[] out, long[] offset, int[] shape) {
    int[] chunk = c.getChunkDimensions();
    int r = shape.length;
    long[] first = new long[r];
    long[] last = new long[r];
    for (int i = 0; i < r; i++) {
      first[i] = offset[i] / chunk[i];
      last[i] = (offset[i] + shape[i] - 1) / chunk[i];
    }
    long[] at = first.clone();
    while (true) {
      int[] chunkOffset = new int[r];
      for (int i = 0; i < r; i++) {
        chunkOffset[i] = Math.toIntExact(at[i] * chunk[i]);
      }
      if (!chunkExists(c, chunkOffset)) {
        long[] lo = new long[r];
        int[] extent = new int[r];
        for (int i = 0; i < r; i++) {
          long start = Math.max(offset[i], chunkOffset[i]);
          long stop = Math.min(offset[i] + shape[i], (long) chunkOffset[i] + chunk[i]);
          lo[i] = start - offset[i];
          extent[i] = (int) (stop - start);
        }
        fillRegion(out, shape, lo, extent);
      }
      int i = r - 1;
      while (i >= 0 && ++at[i] > last[i]) {
        at[i] = first[i];
        i--;
      }
      if (i < 0) {
        return;
      }
    }
  }

  private static boolean chunkExists(ChunkedDataset c, int[] chunkOffset) {
    try {
      c.getRawChunkBuffer(chunkOffset);
      return true;
    } catch (HdfException e) {
      return false;
    }
  }

  /** Sets the box {@code lo + extent} of a C-order slice of {@code shape} to the fill value. */
  private void fillRegion(byte[] out, int[] shape, long[] lo, int[] extent) {
    int r = shape.length;
    int size = fill.length;
    int rows = 1;
    for (int i = 0; i < r - 1; i++) {
      rows *= extent[i];
    }
    for (int row = 0; row < rows; row++) {
      int z = r == 3 ? row / extent[1] : 0;
      int y = r == 3 ? row % extent[1] : row;
      long start = ((r == 3 ? (lo[0] + z) * shape[1] : 0) + lo[r - 2] + y) * shape[r - 1]
          + lo[r - 1];
      for (int x = 0; x < extent[r - 1]; x++) {
        System.arraycopy(fill, 0, out, (int) ((start + x) * size), size);
      }
    }
  }

  @Override
  public synchronized Optional<List<FileBytes>> rawBytes(BoundingBox box) {
    info.extent().requireContains(box, where);
    int bytes = type.dtype().bytes();
    if (!(dataset instanceof ContiguousDataset c) || dataset.isEmpty()
        || dataset.getDataLayout() != DataLayout.CONTIGUOUS
        || dataset.getDataType().getSize() != bytes
        || (bytes > 1 && type.order() != ByteOrder.LITTLE_ENDIAN)) {
      return Optional.empty();
    }
    try {
      if (channel == null) {
        channel = FileChannel.open(path);
      }
    } catch (IOException e) {
      throw new StorageException(where + ": cannot read: " + e.getMessage(), e);
    }
    BoundingBox e = info.extent();
    return RowRuns.of(where, channel, c.getDataAddress(),
        new Size3(e.sizeX(), e.sizeY(), e.sizeZ()), bytes, box);
  }

  @Override
  public synchronized void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new StorageException(where + ": cannot close: " + e.getMessage(), e);
    } finally {
      file.close();
    }
  }
}
