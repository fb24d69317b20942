package org.ndio.jobs.kernel.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ndio.CorruptDataException;

/**
 * PLY (the Stanford polygon format): a text header naming elements and their properties, then
 * the elements as text or binary. Written with float x, y, z per vertex and a {@code list
 * uchar int vertex_indices} per face; read with any scalar types, either byte order, other
 * elements and properties skipped, polygons split into fans.
 */
final class PlyFile {

  private PlyFile() {}

  private static String header(Mesh m, String format) {
    return "ply\nformat " + format + " 1.0\ncomment ndio mesh\nelement vertex "
        + m.vertexCount() + "\nproperty float x\nproperty float y\nproperty float z\n"
        + "element face " + m.triangleCount() + "\nproperty list uchar int vertex_indices\n"
        + "end_header\n";
  }

  static void writeAscii(Mesh m, OutputStream out) throws IOException {
    TextOut t = new TextOut(out);
    t.append(header(m, "ascii"));
    for (int i = 0; i < m.vertexCount(); i++) {
      t.append((float) m.x(i)).append(' ').append((float) m.y(i)).append(' ')
          .append((float) m.z(i)).append('\n');
    }
    for (int f = 0; f < m.triangleCount(); f++) {
      t.append("3 ").append(m.corner(f, 0)).append(' ').append(m.corner(f, 1)).append(' ')
          .append(m.corner(f, 2)).append('\n');
    }
    t.flush();
  }

  static void writeBinary(Mesh m, OutputStream out) throws IOException {
    out.write(header(m, "binary_little_endian").getBytes(StandardCharsets.US_ASCII));
    // no larger than the body: a job writes one file per cell, most of them small
    long body = 12L * m.vertexCount() + 13L * m.triangleCount();
    ByteBuffer b = ByteBuffer.allocate((int) Math.max(13, Math.min(1 << 16, body)))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < m.vertexCount(); i++) {
      if (b.remaining() < 12) {
        drain(b, out);
      }
      b.putFloat((float) m.x(i)).putFloat((float) m.y(i)).putFloat((float) m.z(i));
    }
    for (int f = 0; f < m.triangleCount(); f++) {
      if (b.remaining() < 13) {
        drain(b, out);
      }
      b.put((byte) 3).putInt(m.corner(f, 0)).putInt(m.corner(f, 1)).putInt(m.corner(f, 2));
    }
    drain(b, out);
  }

  private static void drain(ByteBuffer b, OutputStream out) throws IOException {
    out.write(b.array(), 0, b.position());
    b.clear();
  }

  /** A scalar type: its size and how to read it. */
  private enum Scalar {
    INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), FLOAT32(4), FLOAT64(8);

    final int bytes;

    Scalar(int bytes) {
      this.bytes = bytes;
    }

    static Scalar parse(String s, String name) {
      return switch (s) {
        case "char", "int8" -> INT8;
        case "uchar", "uint8" -> UINT8;
        case "short", "int16" -> INT16;
        case "ushort", "uint16" -> UINT16;
        case "int", "int32" -> INT32;
        case "uint", "uint32" -> UINT32;
        case "float", "float32" -> FLOAT32;
        case "double", "float64" -> FLOAT64;
        default -> throw new CorruptDataException(name + ": unknown PLY type '" + s + "'");
      };
    }

    double read(ByteBuffer b) {
      return switch (this) {
        case INT8 -> b.get();
        case UINT8 -> b.get() & 0xff;
        case INT16 -> b.getShort();
        case UINT16 -> b.getShort() & 0xffff;
        case INT32 -> b.getInt();
        case UINT32 -> b.getInt() & 0xffffffffL;
        case FLOAT32 -> b.getFloat();
        case FLOAT64 -> b.getDouble();
      };
    }
  }

  /** A property: a scalar, or a list with a count type and an item type. */
  private record Property(String name, Scalar type, Scalar countType) {
    boolean isList() {
      return countType != null;
    }
  }

  private record Element(String name, long count, List<Property> properties) {}

  /** Where the reader is: binary through a buffer, text through tokens. */
  private static final class Body {
    final ByteBuffer bin;
    final byte[] text;
    int pos;
    final String name;

    Body(byte[] bytes, int start, ByteOrder order, boolean ascii, String name) {
      this.name = name;
      if (ascii) {
        text = bytes;
        pos = start;
        bin = null;
      } else {
        text = null;
        bin = ByteBuffer.wrap(bytes, start, bytes.length - start).order(order);
      }
    }

    int remaining() {
      return bin != null ? bin.remaining() : text.length - pos;
    }

    double next(Scalar t) {
      if (bin != null) {
        if (bin.remaining() < t.bytes) {
          throw new CorruptDataException(name + ": PLY data ends early");
        }
        return t.read(bin);
      }
      while (pos < text.length && Character.isWhitespace(text[pos])) {
        pos++;
      }
      int start = pos;
      while (pos < text.length && !Character.isWhitespace(text[pos])) {
        pos++;
      }
      if (start == pos) {
        throw new CorruptDataException(name + ": PLY data ends early");
      }
      String s = new String(text, start, pos - start, StandardCharsets.US_ASCII);
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new CorruptDataException(name + ": '" + s + "' in the PLY data is not a number");
      }
    }
  }

  static Mesh read(byte[] bytes, String name) {
    int end = headerEnd(bytes, name);
    String[] lines = new String(bytes, 0, end, StandardCharsets.US_ASCII).split("\r?\n");
    String format = null;
    List<Element> elements = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] tok = lines[i].trim().split("\\s+");
      switch (tok[0]) {
        case "format" -> {
          if (tok.length < 2) {
            throw new CorruptDataException(name + ": PLY format line without a format");
          }
          format = tok[1];
        }
        case "element" -> {
          if (tok.length != 3) {
            throw new CorruptDataException(name + ": bad PLY element line '" + lines[i] + "'");
          }
          long count;
          try {
            count = Long.parseLong(tok[2]);
          } catch (NumberFormatException e) {
            count = -1;
          }
          if (count < 0) {
            throw new CorruptDataException(name + ": bad PLY element count '" + tok[2] + "'");
          }
          elements.add(new Element(tok[1], count, new ArrayList<>()));
        }
        case "property" -> {
          if (elements.isEmpty()) {
            throw new CorruptDataException(name + ": PLY property before any element");
          }
          Property p;
          if (tok.length == 5 && tok[1].equals("list")) {
            p = new Property(tok[4], Scalar.parse(tok[3], name), Scalar.parse(tok[2], name));
          } else if (tok.length == 3) {
            p = new Property(tok[2], Scalar.parse(tok[1], name), null);
          } else {
            throw new CorruptDataException(name + ": bad PLY property line '" + lines[i] + "'");
          }
          elements.get(elements.size() - 1).properties().add(p);
        }
        default -> {
          // comment, obj_info, end_header
        }
      }
    }
    boolean ascii = "ascii".equals(format);
    ByteOrder order;
    if ("binary_little_endian".equals(format)) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if ("binary_big_endian".equals(format)) {
      order = ByteOrder.BIG_ENDIAN;
    } else if (ascii) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else {
      throw new CorruptDataException(name + ": unknown PLY format '" + format + "'");
    }
    Body body = new Body(bytes, end, order, ascii, name);
    double[] xyz = null;
    int[] tris = null;
    for (Element e : elements) {
      // Each instance takes at least a byte per property (two characters as text): refuse
      // counts the file cannot hold before allocating for them.
      long least = (long) Math.max(1, e.properties().size()) * (ascii ? 2 : 1);
      if (e.count() > body.remaining() / least + 1) {
        throw new CorruptDataException(name + ": PLY header declares " + e.count() + " "
            + e.name() + " elements, more than the " + body.remaining() + " bytes left hold");
      }
      if (e.name().equals("vertex") && xyz == null) {
        xyz = readVertices(e, body, name);
      } else if (e.name().equals("face") && tris == null) {
        tris = readFaces(e, body, xyz == null ? 0 : xyz.length / 3, name);
      } else {
        for (long i = 0; i < e.count(); i++) {
          for (Property p : e.properties()) {
            skip(p, body);
          }
        }
      }
    }
    if (xyz == null) {
      throw new CorruptDataException(name + ": PLY file has no vertex element");
    }
    return new Mesh(xyz, tris == null ? new int[0] : tris);
  }

  private static int headerEnd(byte[] bytes, String name) {
    byte[] marker = "end_header".getBytes(StandardCharsets.US_ASCII);
    int limit = Math.min(bytes.length, 1 << 20);
    for (int i = 0; i + marker.length <= limit; i++) {
      boolean match = i == 0 || bytes[i - 1] == '\n';
      for (int k = 0; match && k < marker.length; k++) {
        match = bytes[i + k] == marker[k];
      }
      if (match) {
        int j = i + marker.length;
        if (j < bytes.length && bytes[j] == '\r') {
          j++;
        }
        if (j < bytes.length && bytes[j] == '\n') {
          return j + 1;
        }
        return j;
      }
    }
    throw new CorruptDataException(name + ": PLY header has no end_header line");
  }

  private static double[] readVertices(Element e, Body body, String name) {
    int[] axis = new int[e.properties().size()];
    boolean[] seen = new boolean[3];
    for (int k = 0; k < axis.length; k++) {
      Property p = e.properties().get(k);
      axis[k] = p.isList() ? -1 : "xyz".indexOf(p.name().length() == 1 ? p.name() : "?");
      if (axis[k] >= 0) {
        seen[axis[k]] = true;
      }
    }
    if (!seen[0] || !seen[1] || !seen[2]) {
      throw new CorruptDataException(name + ": PLY vertices lack x, y or z");
    }
    if (e.count() > Integer.MAX_VALUE / 3) {
      throw new CorruptDataException(name + ": " + e.count() + " vertices are too many");
    }
    int n = (int) e.count();
    double[] xyz = new double[3 * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < axis.length; k++) {
        Property p = e.properties().get(k);
        if (axis[k] >= 0) {
          xyz[3 * i + axis[k]] = body.next(p.type());
        } else {
          skip(p, body);
        }
      }
    }
    return xyz;
  }

  private static int[] readFaces(Element e, Body body, int vertices, String name) {
    int[] tris = new int[3 * (int) Math.min(e.count(), 1 << 20)];
    int nt = 0;
    for (long i = 0; i < e.count(); i++) {
      for (Property p : e.properties()) {
        boolean indices = p.isList()
            && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"));
        if (!indices) {
          skip(p, body);
          continue;
        }
        int k = (int) body.next(p.countType());
        if (k < 3) {
          throw new CorruptDataException(name + ": PLY face " + i + " has " + k + " corners");
        }
        int first = vertex(body.next(p.type()), vertices, name);
        int prev = vertex(body.next(p.type()), vertices, name);
        for (int c = 2; c < k; c++) {
          int cur = vertex(body.next(p.type()), vertices, name);
          if (3 * nt + 3 > tris.length) {
            tris = Arrays.copyOf(tris, Math.max(3, tris.length * 2));
          }
          tris[3 * nt] = first;
          tris[3 * nt + 1] = prev;
          tris[3 * nt + 2] = cur;
          nt++;
          prev = cur;
        }
      }
    }
    return Arrays.copyOf(tris, 3 * nt);
  }

  private static int vertex(double v, int vertices, String name) {
    if (v < 0 || v >= vertices || v != Math.rint(v)) {
      throw new CorruptDataException(name + ": PLY face names vertex " + v + " of "
          + vertices);
    }
    return (int) v;
  }

  private static void skip(Property p, Body body) {
    if (!p.isList()) {
      body.next(p.type());
      return;
    }
    double k = body.next(p.countType());
    if (k < 0 || k > body.remaining()) {
      throw new CorruptDataException(body.name + ": PLY list of " + k + " items");
    }
    for (int c = 0; c < (int) k; c++) {
      body.next(p.type());
    }
  }
}
