package org.ndio.jobs.count;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.ndio.jobs.resume.JournalException;

/**
 * A {@link CuboidAnalysis} as bytes, for the journal of a resumable count: a version, then
 * every array as a length and its longs, deflated (boundary records are long and repetitive).
 */
final class AnalysisCodec {

  private static final int VERSION = 1;

  /** Longs per {@link ObjectPiece}. */
  private static final int PIECE = 14;

  private AnalysisCodec() {}

  static byte[] encode(CuboidAnalysis a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(VERSION);
      longs(out, a.pieceKeys());
      out.writeInt(a.pieces().length);
      for (ObjectPiece p : a.pieces()) {
        for (long v : new long[] {p.voxels(), p.sumX(), p.sumY(), p.sumZ(), p.minX(), p.minY(),
            p.minZ(), p.maxX(), p.maxY(), p.maxZ(), p.firstX(), p.firstY(), p.firstZ(),
            p.value()}) {
          out.writeLong(v);
        }
      }
      for (CuboidAnalysis.Positions s : new CuboidAnalysis.Positions[] {a.faces(), a.wants()}) {
        longs(out, s.pos());
        longs(out, s.value());
        longs(out, s.key());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static CuboidAnalysis decode(byte[] b, String what) {
    try (DataInputStream in = new DataInputStream(new InflaterInputStream(
        new ByteArrayInputStream(b)))) {
      if (in.readInt() != VERSION) {
        throw new JournalException(what + ": not a cuboid analysis of this ndio version");
      }
      long[] keys = longs(in, what);
      int n = in.readInt();
      if (n != keys.length) {
        throw new JournalException(what + ": " + n + " pieces for " + keys.length + " keys");
      }
      ObjectPiece[] pieces = new ObjectPiece[n];
      long[] v = new long[PIECE];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < PIECE; j++) {
          v[j] = in.readLong();
        }
        pieces[i] = new ObjectPiece(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
            v[10], v[11], v[12], v[13]);
      }
      CuboidAnalysis.Positions faces = positions(in, what);
      CuboidAnalysis.Positions wants = positions(in, what);
      return new CuboidAnalysis(keys, pieces, faces, wants);
    } catch (IOException e) {
      throw new JournalException(what + ": damaged cuboid analysis (" + e.getMessage() + ")");
    }
  }

  private static CuboidAnalysis.Positions positions(DataInputStream in, String what)
      throws IOException {
    long[] pos = longs(in, what);
    long[] value = longs(in, what);
    long[] key = longs(in, what);
    if (value.length != pos.length || key.length != pos.length) {
      throw new JournalException(what + ": boundary arrays of unequal length");
    }
    return new CuboidAnalysis.Positions(pos, value, key);
  }

  private static void longs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long v : a) {
      out.writeLong(v);
    }
  }

  private static long[] longs(DataInputStream in, String what) throws IOException {
    int n = in.readInt();
    // Grown as read, so a damaged length cannot allocate more than the data holds.
    if (n < 0) {
      throw new JournalException(what + ": negative array length " + n);
    }
    long[] a = new long[Math.min(n, 1 << 16)];
    for (int i = 0; i < n; i++) {
      if (i == a.length) {
        a = java.util.Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
      }
      a[i] = in.readLong();
    }
    return a;
  }
}
