package org.ndio.format;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.ndio.CorruptDataException;
import org.ndio.StorageException;
import org.ndio.store.FileBytes;
import org.ndio.store.RawBytesSource;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Reads boxes of a dense array stored uncompressed at an offset of a file, a gzip stream or a
 * zip entry (npy, npz, NIfTI). Each read fetches only the rows its box covers from a file;
 * from a stream it skips forward to them. A little-endian C-order array in a plain file also
 * names the file bytes of boxes of whole rows, for copies that need not decode them.
 */
public final class RawArrayReader implements VolumeReader, RawBytesSource {

  /**
   * Where the array's bytes come from. Each {@link #open()} gives input positioned at the start
   * of the file or entry (the header's first byte), so offsets are those of the header too.
   */
  public interface Source extends Closeable {

    SeekableInput open() throws IOException;

    @Override
    void close() throws IOException;

    /** The channel of a plain file whose bytes are read as they are, or empty. */
    default Optional<FileChannel> channel() {
      return Optional.empty();
    }

    /** A file read with positional reads through one channel. */
    static Source file(Path path) throws IOException {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      return new Source() {
        @Override
        public SeekableInput open() {
          return SeekableInput.of(ch);
        }

        @Override
        public Optional<FileChannel> channel() {
          return Optional.of(ch);
        }

        @Override
        public void close() throws IOException {
          ch.close();
        }
      };
    }

    /** A gzip-compressed file, decompressed from its start on each open. */
    static Source gzip(Path path) {
      return new Source() {
        @Override
        public SeekableInput open() throws IOException {
          return SeekableInput.of(new BufferedInputStream(
              new GZIPInputStream(Files.newInputStream(path), 1 << 16), 1 << 16));
        }

        @Override
        public void close() {}
      };
    }
  }

  /**
   * How the array lies in its bytes: {@code a[z, y, x]} in C order (x fastest) or Fortran order
   * (z fastest), from byte {@code offset} on.
   */
  public record Layout(DataType dtype, ByteOrder order, boolean fortran, long sx, long sy,
      long sz, long offset) {

    /** The size of the data in bytes, or -1 if it overflows a long. */
    public long dataBytes() {
      try {
        return Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(sx, sy), sz),
            (long) dtype.bytes());
      } catch (ArithmeticException e) {
        return -1;
      }
    }
  }

  private final String label;
  private final Layout layout;
  private final Source source;
  private final VolumeInfo info;

  /**
   * @param label the URL (and entry) for messages, e.g. {@code npz:/d/a.npz: entry 'x.npy'}
   * @param info what {@link #info()} reports; its extent must be the layout's shape
   */
  public RawArrayReader(String label, Layout layout, Source source, VolumeInfo info) {
    this.label = label;
    this.layout = layout;
    this.source = source;
    this.info = info;
  }

  @Override
  public VolumeInfo info() {
    return info;
  }

  @Override
  public Volume read(BoundingBox box) {
    info.extent().requireContains(box, label);
    DataType dtype = layout.dtype();
    Volume.byteSize(dtype, box.sizeX(), box.sizeY(), box.sizeZ());
    long[] dims;
    long[] lo;
    long[] hi;
    if (layout.fortran()) {
      dims = new long[] {layout.sx(), layout.sy(), layout.sz()};
      lo = new long[] {box.x0(), box.y0(), box.z0()};
      hi = new long[] {box.x1(), box.y1(), box.z1()};
    } else {
      dims = new long[] {layout.sz(), layout.sy(), layout.sx()};
      lo = new long[] {box.z0(), box.y0(), box.x0()};
      hi = new long[] {box.z1(), box.y1(), box.x1()};
    }
    byte[] bytes;
    try (SeekableInput in = source.open()) {
      bytes = StridedReader.read(in, layout.offset(), dims, lo, hi, dtype.bytes());
      if (hi[0] == dims[0] && hi[1] == dims[1] && hi[2] == dims[2]) {
        in.finish();
      }
    } catch (EOFException e) {
      throw new CorruptDataException(label + ": data is truncated (" + e.getMessage() + ")", e);
    } catch (ZipException e) {
      throw new CorruptDataException(label + ": compressed data is damaged: " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new StorageException(label + ": cannot read: " + e.getMessage(), e);
    }
    int sx = (int) box.sizeX();
    int sy = (int) box.sizeY();
    int sz = (int) box.sizeZ();
    if (layout.fortran()) {
      return Volume.fromFortranBytes(dtype, sx, sy, sz, bytes, 0, layout.order());
    }
    if (layout.order() == ByteOrder.BIG_ENDIAN) {
      Volume.swapInPlace(bytes, dtype.bytes());
    }
    return Volume.wrap(dtype, sx, sy, sz, bytes);
  }

  @Override
  public Optional<List<FileBytes>> rawBytes(BoundingBox box) {
    info.extent().requireContains(box, label);
    DataType dtype = layout.dtype();
    boolean asStored = !layout.fortran() && info.dtype() == dtype
        && (dtype.bytes() == 1 || layout.order() == ByteOrder.LITTLE_ENDIAN);
    Optional<FileChannel> ch = source.channel();
    if (!asStored || ch.isEmpty()) {
      return Optional.empty();
    }
    return RowRuns.of(label, ch.get(), layout.offset(),
        new Size3(layout.sx(), layout.sy(), layout.sz()), dtype.bytes(), box);
  }

  @Override
  public void close() {
    try {
      source.close();
    } catch (IOException e) {
      throw new StorageException(label + ": cannot close: " + e.getMessage(), e);
    }
  }
}
