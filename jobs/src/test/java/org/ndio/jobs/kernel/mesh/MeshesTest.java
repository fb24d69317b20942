package org.ndio.jobs.kernel.mesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.CorruptDataException;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeNotFoundException;

/**
 * Mesh files: each format round-trips (positions as 32-bit floats, triangles exactly), files
 * replace their targets whole and leave no temporary behind, the readers take files written by
 * hand with the variations other programs write, and refuse broken files with a message naming
 * them.
 */
class MeshesTest {

  @TempDir
  Path dir;

  static Mesh sample() {
    return SimplifierTest.sphere(12, 4.3, 4.6, 4.6, 50).scaled(1, 1, 1.0 / 3);
  }

  @Test
  void everyFormatRoundTrips() {
    Mesh m = sample();
    for (MeshFormat f : MeshFormat.values()) {
      Path p = dir.resolve("m-" + f.cliName() + f.extension());
      Meshes.write(m, p, f);
      Mesh back = Meshes.read(p);
      assertArrayEquals(m.triangles(), back.triangles(), f.toString());
      double[] a = m.positions();
      double[] b = back.positions();
      assertEquals(a.length, b.length);
      for (int i = 0; i < a.length; i++) {
        // Written as floats; text gives the float's shortest decimal, read back as a double.
        assertEquals((float) a[i], (float) b[i], f + " coordinate " + i);
      }
    }
    assertEquals(MeshFormat.PLY_BINARY, MeshFormat.parse("ply-binary"));
    assertThrows(UnsupportedFeatureException.class, () -> MeshFormat.parse("stl"));
  }

  @Test
  void writesReplaceWholeAndLeaveNoTemporary() throws Exception {
    Path p = dir.resolve("a.ply");
    Files.writeString(p, "old");
    Meshes.writePlyBinary(sample(), p);
    assertEquals(sample().triangleCount(), Meshes.read(p).triangleCount());
    Path blocked = dir.resolve("blocked.obj");
    Files.createDirectories(blocked.resolve("inside"));
    assertThrows(StorageException.class, () -> Meshes.writeObj(sample(), blocked));
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(f -> f.getFileName().toString().contains("ndio-tmp")));
    }
  }

  private Path text(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsObjVariants() throws Exception {
    Path p = text("q.obj", """
        # a unit square as a quad, then a triangle by relative indices
        mtllib x.mtl
        o square
        v 0 0 0
        v 1 0 0
        v 1 1 0 1.0
        v 0 1 0
        vt 0 0
        vn 0 0 1
        f 1/1/1 2/1/1 3//1 4
        f -4 -2 -1
        """);
    Mesh m = Meshes.read(p);
    assertEquals(4, m.vertexCount());
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 0, 2, 3}, m.triangles());
    assertEquals(1.0, m.x(2));
  }

  @Test
  void readsPlyVariants() throws Exception {
    // Big-endian, double coordinates, extra properties, a quad, vertex_index, another element.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(("ply\r\nformat binary_big_endian 1.0\r\ncomment by hand\r\n"
        + "element vertex 4\r\nproperty double x\r\nproperty uchar red\r\nproperty double y\r\n"
        + "property double z\r\nproperty list uchar int extra\r\n"
        + "element face 1\r\nproperty uchar flags\r\nproperty list uint ushort vertex_index\r\n"
        + "element edge 1\r\nproperty int a\r\nproperty int b\r\nend_header\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.allocate(1000).order(ByteOrder.BIG_ENDIAN);
    double[][] v = {{0, 0, 0}, {2, 0, 0}, {2, 3, 0}, {0, 3, 0.5}};
    for (double[] p : v) {
      b.putDouble(p[0]).put((byte) 200).putDouble(p[1]).putDouble(p[2]).put((byte) 1).putInt(7);
    }
    b.put((byte) 9).putInt(4).putShort((short) 0).putShort((short) 1).putShort((short) 2)
        .putShort((short) 3);
    b.putInt(0).putInt(1);
    out.write(b.array(), 0, b.position());
    Path p = dir.resolve("v.ply");
    Files.write(p, out.toByteArray());
    Mesh m = Meshes.read(p);
    assertEquals(4, m.vertexCount());
    assertEquals(0.5, m.z(3));
    assertEquals(3.0, m.y(2));
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.triangles());

    Path a = text("a.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
        + "property float y\nproperty float z\nproperty float nx\nelement face 1\n"
        + "property list uchar int vertex_indices\nend_header\n0 0 0 1\n1 0 0 1\n0 1 0 1\n"
        + "3 0 1 2\n");
    assertArrayEquals(new int[] {0, 1, 2}, Meshes.read(a).triangles());
  }

  @Test
  void refusesBrokenFiles() throws Exception {
    Path good = dir.resolve("g.ply");
    Meshes.writePlyBinary(sample(), good);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.ply");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 7));
    NdioException e = assertThrows(CorruptDataException.class, () -> Meshes.read(cut));
    assertTrue(e.getMessage().contains("cut.ply"), e.getMessage());

    Path huge = text("huge.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 900000000"
        + "0\nproperty float x\nproperty float y\nproperty float z\nend_header\n0000");
    e = assertThrows(CorruptDataException.class, () -> Meshes.read(huge));
    assertTrue(e.getMessage().contains("declares"), e.getMessage());

    assertThrows(CorruptDataException.class, () -> Meshes.read(text("nohdr.ply",
        "ply\nformat ascii 1.0\nelement vertex 1\n")));
    assertThrows(CorruptDataException.class, () -> Meshes.read(text("type.ply",
        "ply\nformat ascii 1.0\nelement vertex 1\nproperty quad x\nend_header\n1\n")));
    assertThrows(CorruptDataException.class, () -> Meshes.read(text("idx.ply",
        "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\n"
            + "property float z\nelement face 1\nproperty list uchar int vertex_indices\n"
            + "end_header\n0 0 0\n3 0 0 5\n")));
    e = assertThrows(CorruptDataException.class, () -> Meshes.read(text("f.obj",
        "v 0 0 0\nv 1 0 0\nf 1 2 3\n")));
    assertTrue(e.getMessage().contains("f.obj: line 3"), e.getMessage());
    assertThrows(CorruptDataException.class, () -> Meshes.read(text("n.obj", "v 0 x 0\n")));
    assertThrows(VolumeNotFoundException.class, () -> Meshes.read(dir.resolve("none.obj")));
  }
}
