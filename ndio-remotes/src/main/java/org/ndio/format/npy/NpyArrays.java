package org.ndio.format.npy;

import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import java.util.zip.ZipException;
import org.ndio.CorruptDataException;
import org.ndio.StorageException;
import org.ndio.format.RawArrayReader;
import org.ndio.format.SeekableInput;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/** Opens a reader of an npy array held by a file or an npz entry. */
final class NpyArrays {

  private NpyArrays() {}

  /**
   * Reads the header from {@code source} and returns a reader of its array; closes the source
   * if the header is refused.
   *
   * @param length the file's or entry's length, or -1 if unknown
   * @param compressor as {@link VolumeInfo#compressor()} reports it
   * @param wholeChunk report the whole volume as the chunk shape (for compressed entries, which
   *     are decompressed from their start on every read)
   */
  static VolumeReader reader(String label, RawArrayReader.Source source, long length,
      String compressor, boolean wholeChunk) {
    try {
      NpyHeader h;
      try (SeekableInput in = source.open()) {
        h = NpyHeader.read(in, length, label);
      } catch (EOFException e) {
        throw new CorruptDataException(label + ": truncated npy header (" + e.getMessage() + ")",
            e);
      } catch (ZipException e) {
        throw new CorruptDataException(label + ": compressed data is damaged: "
            + e.getMessage(), e);
      } catch (IOException e) {
        throw new StorageException(label + ": cannot read: " + e.getMessage(), e);
      }
      long[] zyx = h.volumeShape(label);
      long sz = zyx[0];
      long sy = zyx[1];
      long sx = zyx[2];
      Size3 chunks = wholeChunk ? new Size3(sx, sy, sz)
          : h.fortranOrder() ? new Size3(1, sy, sz) : new Size3(sx, sy, 1);
      VolumeInfo info = new VolumeInfo(h.dtype(), BoundingBox.ofShape(sx, sy, sz), chunks,
          Optional.empty(), compressor, NpyFormat.attributes(h));
      RawArrayReader.Layout layout = new RawArrayReader.Layout(h.dtype(), h.order(),
          h.fortranOrder(), sx, sy, sz, h.dataOffset());
      return new RawArrayReader(label, layout, source, info);
    } catch (RuntimeException e) {
      try {
        source.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
