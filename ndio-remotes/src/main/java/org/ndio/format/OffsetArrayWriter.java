package org.ndio.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import org.ndio.DataTypeException;
import org.ndio.StorageException;
import org.ndio.storage.LocalStorage;
import org.ndio.store.FileBytes;
import org.ndio.store.RawBytesSink;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes a new file that holds one dense array, little-endian and C order (x fastest), from a
 * fixed offset to its end, behind a header whose size is known up front (an npy file, a
 * contiguous HDF5 dataset). Each block written goes straight to its place in a temporary file
 * beside the target, in whole sections or rows: memory stays bounded by the caller's block,
 * however large the volume. Boxes of whole rows can also come straight from another file's
 * bytes ({@link RawBytesSink}), copied by the kernel. {@link #commit()} writes the header and
 * renames the file into place, so the target is absent, the old file, or the complete new one.
 */
public abstract class OffsetArrayWriter implements VolumeWriter, RawBytesSink {

  // Heap bytes go to the kernel through a temporary direct buffer of the write's size: pieces
  // of this size keep that buffer small and warm in the cache.
  private static final int PIECE = 1 << 20;

  private final String where;
  private final Path target;
  private final Path temp;
  private final WriteMode mode;
  private final VolumeSpec spec;
  private FileChannel channel;
  private boolean committed;

  /**
   * @param where the target's URL, for messages
   * @param spec the array's type and shape
   */
  protected OffsetArrayWriter(String where, Path target, VolumeSpec spec, WriteMode mode) {
    this.where = where;
    this.target = target.toAbsolutePath().normalize();
    this.mode = mode;
    this.spec = spec;
    WholeFileWriter.checkTarget(this.target, mode);
    this.temp = this.target.resolveSibling(
        "." + this.target.getFileName() + ".ndio-tmp-" + UUID.randomUUID());
  }

  /** The file offset of voxel (0, 0, 0); fixed once anything is written. */
  protected abstract long dataOffset();

  /** The bytes written at offset 0 at commit; they end at or before {@link #dataOffset()}. */
  protected abstract byte[] header();

  /**
   * Called before anything else is written when the first write is a raw copy whose first
   * byte, that of {@code box}, comes from {@code sourceOffset} of its file. A writer free to
   * move its data may place it so that this byte lies at the same offset modulo 64 KiB: Linux
   * copies between files in rounds of 16 pages through a pipe, and on the machine measured
   * (Linux 6.18, ext4) a copy between equal offsets modulo 64 KiB ran 25-30% faster than one
   * shifted by a page or by 128 bytes (npy's data offset against a page-aligned dataset).
   */
  protected void placeFor(BoundingBox box, long sourceOffset) {}

  protected VolumeSpec spec() {
    return spec;
  }

  /** The offset, from the first voxel, of the first byte of a box of whole rows. */
  protected final long offsetInData(BoundingBox box) {
    Size3 s = spec.shape();
    return (box.z0() * s.y() + box.y0()) * s.x() * spec.dtype().bytes();
  }

  @Override
  public VolumeInfo info() {
    Size3 s = spec.shape();
    return new VolumeInfo(spec.dtype(), extent(), new Size3(s.x(), s.y(), 1))
        .withVoxelSize(spec.voxelSize().orElse(null)).withAttributes(spec.attributes());
  }

  private BoundingBox extent() {
    Size3 s = spec.shape();
    return BoundingBox.ofShape(s.x(), s.y(), s.z());
  }

  private long dataBytes() {
    Size3 s = spec.shape();
    return s.x() * s.y() * s.z() * spec.dtype().bytes();
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    extent().requireContains(
        BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ()), target.toString());
    if (data.dtype() != spec.dtype()) {
      throw new DataTypeException(where + ": cannot write a " + data.dtype().numpyName()
          + " volume into a " + spec.dtype().numpyName() + " array");
    }
    requireOpen();
    Size3 s = spec.shape();
    long item = spec.dtype().bytes();
    long row = s.x() * item;
    long plane = s.y() * row;
    byte[] bytes = data.array();
    int dataRow = data.sizeX() * (int) item;
    try {
      FileChannel ch = channel();
      long base = dataOffset() + z * plane + y * row + x * item;
      if (data.sizeX() == s.x() && data.sizeY() == s.y()) {
        // Whole sections: one run of bytes in the file.
        writeFully(ch, bytes, 0, bytes.length, base);
      } else if (data.sizeX() == s.x()) {
        int slab = dataRow * data.sizeY();
        for (int k = 0; k < data.sizeZ(); k++) {
          writeFully(ch, bytes, k * slab, slab, base + k * plane);
        }
      } else {
        int i = 0;
        for (int k = 0; k < data.sizeZ(); k++) {
          for (int j = 0; j < data.sizeY(); j++) {
            writeFully(ch, bytes, i, dataRow, base + k * plane + j * row);
            i += dataRow;
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot write " + temp + " (for " + target + "): "
          + e.getMessage(), e);
    }
  }

  private void requireOpen() {
    if (committed) {
      throw new StorageException(where + ": written after commit; the file is complete");
    }
  }

  @Override
  public boolean takesRaw(BoundingBox box) {
    return !committed && extent().contains(box) && box.x0() == 0
        && box.x1() == spec.shape().x();
  }

  // Synchronized as the copy moves the channel's position, which positional writes do not use.
  @Override
  public synchronized void writeRaw(BoundingBox box, List<FileBytes> from) {
    extent().requireContains(box, target.toString());
    requireOpen();
    if (!takesRaw(box)) {
      throw new StorageException(where + ": cannot take raw bytes for " + box
          + ": only boxes of whole rows");
    }
    try {
      if (channel == null && !from.isEmpty()) {
        placeFor(box, from.get(0).offset());
      }
      FileChannel ch = channel();
      ChannelCopy.copy(from, RowRuns.of(where, ch, dataOffset(), spec.shape(),
          spec.dtype().bytes(), box).orElseThrow());
    } catch (IOException e) {
      throw new StorageException("cannot write " + temp + " (for " + target + "): "
          + e.getMessage(), e);
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes, int off, int len, long pos)
      throws IOException {
    for (int done = 0; done < len; ) {
      ByteBuffer b = ByteBuffer.wrap(bytes, off + done, Math.min(PIECE, len - done));
      done += ch.write(b, pos + done);
    }
  }

  /**
   * The temporary file, made on first use at its full length (a sparse file until written):
   * voxels never written read as zeros (HDF5's default fill value, numpy's empty array).
   */
  private FileChannel channel() throws IOException {
    if (channel == null) {
      Files.createDirectories(target.getParent());
      channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      channel.write(ByteBuffer.wrap(new byte[1]), dataOffset() + dataBytes() - 1);
    }
    return channel;
  }

  @Override
  public Volume read(BoundingBox box) {
    extent().requireContains(box, target.toString());
    Volume.byteSize(spec.dtype(), box.sizeX(), box.sizeY(), box.sizeZ());
    Size3 s = spec.shape();
    try {
      long[] dims = {s.z(), s.y(), s.x()};
      long[] lo = {box.z0(), box.y0(), box.x0()};
      long[] hi = {box.z1(), box.y1(), box.x1()};
      byte[] bytes;
      if (committed) {
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.READ)) {
          bytes = StridedReader.read(SeekableInput.of(ch), dataOffset(), dims, lo, hi,
              spec.dtype().bytes());
        }
      } else {
        bytes = StridedReader.read(SeekableInput.of(channel()), dataOffset(), dims, lo, hi,
            spec.dtype().bytes());
      }
      return Volume.wrap(spec.dtype(), (int) box.sizeX(), (int) box.sizeY(), (int) box.sizeZ(),
          bytes);
    } catch (IOException e) {
      throw new StorageException("cannot read " + (committed ? target : temp) + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public void commit() {
    if (committed) {
      return;
    }
    try {
      FileChannel ch = channel();
      byte[] head = header();
      writeFully(ch, head, 0, head.length, 0);
      ch.close();
      WholeFileWriter.checkTarget(target, mode);
      LocalStorage.moveAtomically(temp, target);
      committed = true;
    } catch (IOException e) {
      throw new StorageException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (!committed) {
        discard();
      }
    }
  }

  @Override
  public void close() {
    if (!committed) {
      discard();
    }
  }

  private void discard() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // the file is deleted next; a failed close changes nothing
    }
    LocalStorage.deleteTree(temp);
  }

  @Override
  public String toString() {
    return where;
  }
}
