package org.ndio.format.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.ndio.CorruptDataException;
import org.ndio.StorageException;

/**
 * Walks the chain of image directories of a TIFF (classic or BigTIFF) to count its pages and
 * check that every directory lies inside the file. ImageIO's TIFF readers stop quietly at a
 * directory offset past the end, so a truncated multipage file would otherwise read as a
 * shorter stack.
 */
final class TiffChain {

  // Far more pages than any stack that fits a volume; ends walks of corrupt chains.
  private static final int MAX_PAGES = 10_000_000;

  private TiffChain() {}

  /** The number of pages of {@code file}; {@code where} names it in messages. */
  static int pages(Path file, String where) {
    try (FileChannel ch = FileChannel.open(file)) {
      long length = ch.size();
      ByteBuffer head = read(ch, 0, (int) Math.min(16, length));
      if (length < 8) {
        throw new CorruptDataException(where + ": not a TIFF (" + length + " bytes)");
      }
      ByteOrder order = switch (head.getShort(0)) {
        case 0x4949 -> ByteOrder.LITTLE_ENDIAN;
        case 0x4d4d -> ByteOrder.BIG_ENDIAN;
        default -> throw new CorruptDataException(where + ": not a TIFF (no II or MM header)");
      };
      head.order(order);
      int magic = head.getShort(2) & 0xffff;
      boolean big = magic == 43;
      if (magic != 42 && !(big && length >= 16 && head.getShort(4) == 8)) {
        throw new CorruptDataException(where + ": not a TIFF (version " + magic + ")");
      }
      int countSize = big ? 8 : 2;
      int entrySize = big ? 20 : 12;
      int offsetSize = big ? 8 : 4;
      long next = big ? head.getLong(8) : head.getInt(4) & 0xffffffffL;
      Set<Long> seen = new HashSet<>();
      int pages = 0;
      while (next != 0) {
        if (next < 8 || next + countSize > length) {
          throw truncated(where, pages, next, length);
        }
        if (!seen.add(next) || pages >= MAX_PAGES) {
          throw new CorruptDataException(
              where + ": the directory chain loops back at page " + pages);
        }
        ByteBuffer c = read(ch, next, countSize).order(order);
        long count = big ? c.getLong(0) : c.getShort(0) & 0xffff;
        long nextAt = next + countSize + count * entrySize;
        if (count < 0 || count > length || nextAt + offsetSize > length) {
          throw truncated(where, pages, next, length);
        }
        ByteBuffer n = read(ch, nextAt, offsetSize).order(order);
        next = big ? n.getLong(0) : n.getInt(0) & 0xffffffffL;
        pages++;
      }
      if (pages == 0) {
        throw new CorruptDataException(where + ": a TIFF without images");
      }
      return pages;
    } catch (IOException e) {
      throw new StorageException(where + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static CorruptDataException truncated(String where, int page, long at, long length) {
    return new CorruptDataException(
        where + " is truncated or corrupt: the directory of page " + page + " at byte " + at
            + " does not fit in the file's " + length + " bytes");
  }

  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        break;
      }
    }
    return b.flip();
  }
}
