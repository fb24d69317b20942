package org.ndio.format;

import java.io.IOException;
import java.util.List;
import org.ndio.CorruptDataException;
import org.ndio.store.FileBytes;

/**
 * Copies runs of one file's bytes into runs of another's with
 * {@link java.nio.channels.FileChannel#transferTo}: on Linux the kernel copies from the page
 * cache to the page cache (sendfile), as cp does, instead of the bytes passing through the
 * Java heap and two temporary direct buffers.
 */
public final class ChannelCopy {

  private ChannelCopy() {}

  /**
   * Copies the bytes of {@code from}, in order, into {@code to}, in order; both must hold the
   * same number of bytes. Each target channel's position is moved (its runs are written at
   * their offsets), so no one else may write through those channels meanwhile.
   *
   * @throws CorruptDataException if a source file ends before its run does
   */
  public static void copy(List<FileBytes> from, List<FileBytes> to) throws IOException {
    long total = from.stream().mapToLong(FileBytes::length).sum();
    long room = to.stream().mapToLong(FileBytes::length).sum();
    if (total != room) {
      throw new IllegalArgumentException(total + " bytes to copy into runs of " + room);
    }
    int j = 0;
    long into = 0; // bytes of to[j] already written
    for (FileBytes src : from) {
      long done = 0;
      while (done < src.length()) {
        while (into == to.get(j).length()) {
          j++;
          into = 0;
        }
        FileBytes dst = to.get(j);
        long n = Math.min(src.length() - done, dst.length() - into);
        transfer(src, src.offset() + done, n, dst, dst.offset() + into);
        done += n;
        into += n;
      }
    }
  }

  private static void transfer(FileBytes src, long at, long count, FileBytes dst, long to)
      throws IOException {
    dst.channel().position(to);
    for (long done = 0; done < count; ) {
      long n = src.channel().transferTo(at + done, count - done, dst.channel());
      if (n <= 0) {
        // transferTo reports the end of the source as 0 bytes moved
        throw new CorruptDataException(src.label() + ": data is truncated: the file ends at"
            + " byte " + src.channel().size() + ", " + (count - done) + " bytes before the end"
            + " of the data (byte " + (at + count) + ")");
      }
      done += n;
    }
  }
}
