package org.ndio.jobs.mesh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.jobs.resume.JournalException;
import scala.Tuple2;

/**
 * One cuboid's mesh pieces as bytes, for the journal of a resumable mesh job: a version, the
 * number of pieces, then per piece its object id, vertex keys and triangle indices, deflated.
 */
final class PiecesCodec {

  private static final int VERSION = 1;

  private PiecesCodec() {}

  static byte[] encode(List<Tuple2<Long, KeyedMesh>> pieces) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(VERSION);
      out.writeInt(pieces.size());
      for (Tuple2<Long, KeyedMesh> p : pieces) {
        out.writeLong(p._1());
        long[] keys = p._2().keys();
        out.writeInt(keys.length);
        for (long k : keys) {
          out.writeLong(k);
        }
        int[] triangles = p._2().triangles();
        out.writeInt(triangles.length);
        for (int t : triangles) {
          out.writeInt(t);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static List<Tuple2<Long, KeyedMesh>> decode(byte[] b, String what) {
    try (DataInputStream in = new DataInputStream(new InflaterInputStream(
        new ByteArrayInputStream(b)))) {
      if (in.readInt() != VERSION) {
        throw new JournalException(what + ": not mesh pieces of this ndio version");
      }
      int n = in.readInt();
      List<Tuple2<Long, KeyedMesh>> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long id = in.readLong();
        long[] keys = new long[count(in, b, 8, what)];
        for (int j = 0; j < keys.length; j++) {
          keys[j] = in.readLong();
        }
        int[] triangles = new int[count(in, b, 4, what)];
        for (int j = 0; j < triangles.length; j++) {
          triangles[j] = in.readInt();
        }
        out.add(new Tuple2<>(id, KeyedMesh.of(keys, triangles)));
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      throw new JournalException(what + ": damaged mesh pieces (" + e.getMessage() + ")");
    }
  }

  /** An array length, checked against what the deflated bytes could hold (1032:1 at most). */
  private static int count(DataInputStream in, byte[] all, int width, String what)
      throws IOException {
    int n = in.readInt();
    if (n < 0 || (long) n * width > 1032L * all.length + 1024) {
      throw new JournalException(what + ": implausible array length " + n);
    }
    return n;
  }
}
