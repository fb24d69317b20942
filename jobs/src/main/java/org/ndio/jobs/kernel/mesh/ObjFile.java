package org.ndio.jobs.kernel.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ndio.CorruptDataException;

/** Wavefront OBJ: {@code v x y z} lines, then {@code f a b c} lines with 1-based indices. */
final class ObjFile {

  private ObjFile() {}

  static void write(Mesh m, OutputStream out) throws IOException {
    TextOut t = new TextOut(out);
    t.append("# ndio mesh: ").append(m.vertexCount()).append(" vertices, ")
        .append(m.triangleCount()).append(" triangles\n");
    for (int i = 0; i < m.vertexCount(); i++) {
      t.append("v ").append((float) m.x(i)).append(' ').append((float) m.y(i)).append(' ')
          .append((float) m.z(i)).append('\n');
    }
    for (int f = 0; f < m.triangleCount(); f++) {
      t.append("f ").append(m.corner(f, 0) + 1).append(' ').append(m.corner(f, 1) + 1)
          .append(' ').append(m.corner(f, 2) + 1).append('\n');
    }
    t.flush();
  }

  /**
   * Reads vertices and faces; faces with more than three corners are split into a fan, texture
   * and normal indices ({@code a/b/c}) are ignored, negative indices count back from the last
   * vertex, other statements are skipped.
   */
  static Mesh read(byte[] bytes, String name) {
    double[] xyz = new double[3 * 1024];
    int nv = 0;
    int[] tris = new int[3 * 1024];
    int nt = 0;
    int line = 0;
    int pos = 0;
    List<String> tok = new ArrayList<>();
    while (pos < bytes.length) {
      int end = pos;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      line++;
      tokens(bytes, pos, end, tok);
      pos = end + 1;
      if (tok.isEmpty()) {
        continue;
      }
      if (tok.get(0).equals("v")) {
        if (tok.size() < 4) {
          throw new CorruptDataException(name + ": line " + line + ": a vertex needs x y z");
        }
        if (3 * nv + 3 > xyz.length) {
          xyz = Arrays.copyOf(xyz, xyz.length * 2);
        }
        for (int a = 0; a < 3; a++) {
          xyz[3 * nv + a] = number(tok.get(1 + a), name, line);
        }
        nv++;
      } else if (tok.get(0).equals("f")) {
        if (tok.size() < 4) {
          throw new CorruptDataException(name + ": line " + line + ": a face needs 3 vertices");
        }
        int first = index(tok.get(1), nv, name, line);
        int prev = index(tok.get(2), nv, name, line);
        for (int k = 3; k < tok.size(); k++) {
          int cur = index(tok.get(k), nv, name, line);
          if (3 * nt + 3 > tris.length) {
            tris = Arrays.copyOf(tris, tris.length * 2);
          }
          tris[3 * nt] = first;
          tris[3 * nt + 1] = prev;
          tris[3 * nt + 2] = cur;
          nt++;
          prev = cur;
        }
      }
    }
    return new Mesh(Arrays.copyOf(xyz, 3 * nv), Arrays.copyOf(tris, 3 * nt));
  }

  /** The whitespace-separated words of bytes [from, to). */
  private static void tokens(byte[] b, int from, int to, List<String> out) {
    out.clear();
    int i = from;
    while (i < to) {
      while (i < to && b[i] <= ' ') {
        i++;
      }
      int start = i;
      while (i < to && b[i] > ' ') {
        i++;
      }
      if (i > start) {
        out.add(new String(b, start, i - start, StandardCharsets.US_ASCII));
      }
    }
  }

  private static double number(String s, String name, int line) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new CorruptDataException(name + ": line " + line + ": '" + s + "' is not a number");
    }
  }

  /** A face corner's vertex index, 0-based; faces may only name vertices defined before. */
  private static int index(String s, int vertices, String name, int line) {
    int slash = s.indexOf('/');
    String head = slash < 0 ? s : s.substring(0, slash);
    long i;
    try {
      i = Long.parseLong(head);
    } catch (NumberFormatException e) {
      throw new CorruptDataException(name + ": line " + line + ": '" + s
          + "' is not a vertex index");
    }
    long zeroBased = i > 0 ? i - 1 : vertices + i;
    if (i == 0 || zeroBased < 0 || zeroBased >= vertices) {
      throw new CorruptDataException(name + ": line " + line + ": vertex " + i
          + " is not among the " + vertices + " vertices defined so far");
    }
    return (int) zeroBased;
  }
}
