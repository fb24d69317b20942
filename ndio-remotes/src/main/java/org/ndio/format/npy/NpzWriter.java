package org.ndio.format.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ndio.format.WholeFileWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Volume;

/** Writes an {@code .npz} archive of one {@code .npy} entry, deflated or stored. */
final class NpzWriter extends WholeFileWriter {

  private final String entryName;
  private final int level;

  /** @param level the deflate level, or -1 to store the entry uncompressed */
  NpzWriter(Path target, VolumeSpec spec, WriteMode mode, String entryName, int level) {
    super(target, spec, mode);
    this.entryName = entryName;
    this.level = level;
  }

  @Override
  protected void writeTo(Path temp, Volume volume, VolumeSpec spec) throws IOException {
    byte[] header = NpyWriter.header(volume);
    byte[] data = volume.array();
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
        Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        1 << 16))) {
      ZipEntry e = new ZipEntry(entryName);
      if (level < 0) {
        // A stored entry's sizes and CRC go in its local header, so they are needed first.
        CRC32 crc = new CRC32();
        crc.update(header);
        crc.update(data);
        e.setMethod(ZipEntry.STORED);
        e.setSize(header.length + (long) data.length);
        e.setCompressedSize(header.length + (long) data.length);
        e.setCrc(crc.getValue());
      } else {
        e.setMethod(ZipEntry.DEFLATED);
        zip.setLevel(level);
      }
      zip.putNextEntry(e);
      zip.write(header);
      zip.write(data);
      zip.closeEntry();
    }
  }
}
