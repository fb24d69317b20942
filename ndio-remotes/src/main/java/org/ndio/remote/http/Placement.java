package org.ndio.remote.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.ndio.CorruptDataException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Where the C-order bytes of one piece of a cutout go in the array of the assembled volume:
 * answers are decoded straight into their place as they arrive, with no array per piece and
 * no copy after. Consecutive rows that are consecutive in the target too (a piece as wide as
 * the volume, or as wide and as high) are one run.
 *
 * @param target the whole volume, a fresh contiguous one ({@link Volume#allocate})
 * @param whole the box {@code target} holds
 * @param piece the box of this answer, inside {@code whole}
 */
public record Placement(Volume target, BoundingBox whole, BoundingBox piece) {

  public Placement {
    if (target.sizeX() != whole.sizeX() || target.sizeY() != whole.sizeY()
        || target.sizeZ() != whole.sizeZ()) {
      throw new IllegalArgumentException(target + " does not hold " + whole);
    }
    whole.requireContains(piece, "the cutout");
  }

  /** The piece's size in bytes. */
  public long bytes() {
    return piece.voxels() * target.dtype().bytes();
  }

  /** A fresh cursor at the piece's first byte. */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * Reads an answer whose body is the piece's raw voxels, nothing more or less, from the
   * stream straight into place ({@code label} names the request in messages).
   */
  public Void fillFrom(InputStream in, String label) throws IOException {
    Cursor c = cursor();
    while (c.remaining() > 0) {
      if (!c.read(in)) {
        throw new CorruptDataException(label + ": answer holds " + c.written()
            + " bytes of voxels, " + bytes() + " expected");
      }
    }
    if (in.read() >= 0) {
      throw new CorruptDataException(label + ": answer holds more than the " + bytes()
          + " bytes of voxels expected");
    }
    return null;
  }

  /** Writes the piece's bytes, in C order as they come, into their places in the target. */
  public final class Cursor {
    private final byte[] dst = target.array();
    private final int b = target.dtype().bytes();
    private final boolean fullRows = piece.sizeX() == whole.sizeX();
    private final boolean fullPlanes = fullRows && piece.sizeY() == whole.sizeY();
    private final int runs = fullPlanes || piece.voxels() == 0 ? 1
        : fullRows ? (int) piece.sizeZ() : (int) (piece.sizeZ() * piece.sizeY());
    private final int runBytes = (int) (bytes() / runs);
    private int run;
    private int at;
    private long written;

    private Cursor() {}

    public long written() {
      return written;
    }

    public long remaining() {
      return bytes() - written;
    }

    /** Reads the next bytes of the stream into place; false at the stream's end. */
    public boolean read(InputStream in) throws IOException {
      int n = in.read(dst, offset() + at, runBytes - at);
      if (n < 0) {
        return false;
      }
      advance(n);
      return true;
    }

    /**
     * Inflates into place until the inflater needs input, reaches its stream's end or the
     * piece is complete.
     */
    public void inflate(Inflater inf, String label) {
      while (remaining() > 0) {
        int n;
        try {
          n = inf.inflate(dst, offset() + at, runBytes - at);
        } catch (DataFormatException e) {
          throw new CorruptDataException(label + ": not a zlib stream: " + e.getMessage(), e);
        }
        if (n == 0) {
          return;
        }
        advance(n);
      }
    }

    private void advance(int n) {
      at += n;
      written += n;
      if (at == runBytes) {
        at = 0;
        run++;
      }
    }

    /** Where the current run starts in the target's array. */
    private int offset() {
      long x = piece.x0() - whole.x0();
      long y = piece.y0() - whole.y0();
      long z = piece.z0() - whole.z0();
      long rows;
      if (fullPlanes) {
        rows = z * whole.sizeY() + y;
      } else if (fullRows) {
        rows = (z + run) * whole.sizeY() + y;
      } else {
        long k = run / piece.sizeY();
        long j = run % piece.sizeY();
        rows = (z + k) * whole.sizeY() + y + j;
      }
      return (int) ((rows * whole.sizeX() + x) * b);
    }
  }
}
