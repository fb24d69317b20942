package org.ndio.serve.dvid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The DVID server at the wire, with plain HTTP (not ndio's client): paths, bodies, status codes,
 * content types and error texts as DVID's sources give them; byte layouts checked against
 * Python's lz4, numpy and zarr.
 */
class DvidServerWireTest {

  @TempDir
  Path root;

  private EmbeddedServer server;
  private Wire w;

  @BeforeEach
  void start() throws Exception {
    server = DvidServer.start(root, 0, Optional.empty(), FaultInjection.NONE);
    w = new Wire(server.address());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String newRepo() throws Exception {
    HttpResponse<byte[]> r = w.post("/api/repos", "{\"alias\": \"r\", \"description\": \"d\"}");
    assertEquals(200, r.statusCode(), Wire.text(r));
    return Wire.json(r).path("root").asText();
  }

  private void instance(String uuid, String type, String name, String extra) throws Exception {
    HttpResponse<byte[]> r = w.post("/api/repo/" + uuid + "/instance", "{\"typename\": \""
        + type + "\", \"dataname\": \"" + name + "\"" + extra + "}");
    assertEquals(200, r.statusCode(), Wire.text(r));
    assertEquals("Added " + name + " [" + type + "] to node " + uuid,
        Wire.json(r).path("result").asText());
  }

  private static void assertDvidError(HttpResponse<byte[]> r, int status, String start) {
    assertEquals(status, r.statusCode(), Wire.text(r));
    assertEquals("text/plain; charset=utf-8", Wire.contentType(r));
    String body = Wire.text(r);
    assertTrue(body.startsWith(start), body);
    assertTrue(body.endsWith(" (" + r.uri().getRawPath() + ").\n"), body);
  }

  @Test
  void reposAreCreatedListedAndResolvedByPrefix() throws Exception {
    String a = "aaaa" + "0".repeat(27) + "1";
    String b = "aaaa" + "0".repeat(27) + "2";
    HttpResponse<byte[]> r = w.post("/api/repos", "{\"alias\": \"first\", \"description\":"
        + " \"one\", \"root\": \"" + a + "\"}");
    assertEquals("application/json", Wire.contentType(r));
    assertEquals("{\"root\": \"" + a + "\"}", Wire.text(r));
    w.post("/api/repos", "{\"alias\": \"second\", \"root\": \"" + b + "\"}");
    String c = newRepo();
    assertTrue(c.matches("[0-9a-f]{32}"), c);

    JsonNode all = Wire.json(w.get("/api/repos/info"));
    assertEquals(3, all.size());
    assertEquals("first", all.path(a).path("Alias").asText());
    JsonNode info = Wire.json(w.get("/api/repo/" + a + "/info"));
    assertEquals(a, info.path("Root").asText());
    assertEquals("one", info.path("Description").asText());
    JsonNode node = info.path("DAG").path("Nodes").path(a);
    assertEquals(a, node.path("UUID").asText());
    assertFalse(node.path("Locked").asBoolean());
    assertEquals(200, w.send("HEAD", "/api/repo/" + a, null, Map.of()).statusCode());

    assertDvidError(w.get("/api/repo/aaaa/info"), 400, "more than one UUID matches aaaa");
    assertDvidError(w.get("/api/repo/bbbb/info"), 400,
        "could not find UUID with partial match to bbbb");
    assertDvidError(w.post("/api/repos", "{\"root\": \"" + a + "\"}"), 400,
        "UUID already exists in datastore");
    assertDvidError(w.post("/api/repos", "{\"root\": \"12\"}"), 400,
        "UUID must be 32 character hexadecimal string");
  }

  @Test
  void instancesAreCreatedWithDvidsDefaultsAndChecks() throws Exception {
    String u = newRepo();
    instance(u, "uint8blk", "gray", "");
    instance(u, "labelmap", "seg", "");
    instance(u, "uint16blk", "g16", ", \"BlockSize\": \"16,32,8\", \"VoxelSize\": \"4,4,40\","
        + " \"VoxelUnits\": \"nanometers\"");
    JsonNode gray = Wire.json(w.get("/api/node/" + u + "/gray/info"));
    assertEquals("uint8blk", gray.path("Base").path("TypeName").asText());
    assertEquals("[32,32,32]", gray.path("Extended").path("BlockSize").toString());
    assertEquals("uint8", gray.path("Extended").path("Values").path(0).path("DataType").asText());
    assertTrue(gray.path("Extended").path("MinPoint").isNull());
    assertEquals("[64,64,64]", Wire.json(w.get("/api/node/" + u + "/seg/info"))
        .path("Extended").path("BlockSize").toString());
    JsonNode g16 = Wire.json(w.get("/api/node/" + u + "/g16/info")).path("Extended");
    assertEquals("[16,32,8]", g16.path("BlockSize").toString());
    assertEquals(40.0, g16.path("VoxelSize").path(2).asDouble());

    String p = "/api/repo/" + u + "/instance";
    assertDvidError(w.post(p, "{\"typename\": \"labelmap\", \"dataname\": \"x\", \"BlockSize\":"
        + " \"30,32,32\"}"), 400, "BlockSize must be multiples of 16");
    assertDvidError(w.post(p, "{\"typename\": \"uint8blk\", \"dataname\": \"gray\"}"), 400,
        "Data named \"gray\" already exists in repo");
    assertDvidError(w.post(p, "{\"dataname\": \"y\"}"), 400,
        "POST on repo endpoint requires specification of valid 'typename'");
    assertDvidError(w.get("/api/node/" + u + "/nothere/info"), 400,
        "invalid data instance name");
    HttpResponse<byte[]> bad = w.get("/api/node/" + u + "/gray/nosuchkeyword");
    assertEquals(400, bad.statusCode());
    assertTrue(Wire.text(bad).startsWith("Bad API call (/api/node/" + u
        + "/gray/nosuchkeyword) for data \"gray\".  See API help at http://"), Wire.text(bad));
  }

  private static byte[] bytes(Volume v) {
    return v.array();
  }

  @Test
  void rawVoxelsGoInWholeBlocksAndComeOutAnyBox() throws Exception {
    String u = newRepo();
    instance(u, "uint8blk", "gray", "");
    Volume v = TestVolumes.random(DataType.UINT8, 64, 32, 32, 1);
    HttpResponse<byte[]> ok = w.post("/api/node/" + u + "/gray/raw/0_1_2/64_32_32/32_0_32",
        bytes(v));
    assertEquals(200, ok.statusCode(), Wire.text(ok));

    HttpResponse<byte[]> r = w.get("/api/node/" + u + "/gray/raw/0_1_2/50_20_10/40_5_30");
    assertEquals(200, r.statusCode());
    assertEquals("application/octet-stream", Wire.contentType(r));
    Volume got = Volume.wrap(DataType.UINT8, 50, 20, 10, r.body());
    Volume expected = Volume.allocate(DataType.UINT8, 50, 20, 10);
    // z 30..31 lies before the written box: zeros; x 40..95 is inside it.
    expected.copyFrom(v.view(8, 5, 0, 50, 20, 8), 0, 0, 2);
    assertEquals(expected, got);

    JsonNode ext = Wire.json(w.get("/api/node/" + u + "/gray/info")).path("Extended");
    assertEquals("[32,0,32]", ext.path("MinPoint").toString());
    assertEquals("[95,31,63]", ext.path("MaxPoint").toString());

    String p = "/api/node/" + u + "/gray/raw/0_1_2/";
    assertDvidError(w.post(p + "32_32_32/16_0_0", bytes(v.view(0, 0, 0, 32, 32, 32))), 400,
        "cannot store voxels in non-block aligned geometry (16,0,0) -> (47,31,31)");
    assertDvidError(w.post(p + "32_32_32/0_0_0", new byte[100]), 400,
        "voxels data was 100 bytes, expected 32768 bytes");
    assertDvidError(w.get("/api/node/" + u + "/gray/raw/0_1/32_32/0_0_0"), 400,
        "ndio's DVID server serves 3d subvolumes (0_1_2) only");
    assertDvidError(w.get(p + "8_8_8/0_0_0?scale=1"), 400, "scale 1 is not available");
    assertDvidError(w.post(p + "32_32_32/-32_0_0", bytes(v.view(0, 0, 0, 32, 32, 32))), 400,
        "ndio's DVID server stores voxels at non-negative coordinates only");
  }

  @Test
  void labelsTravelAsLz4AndGzipAndAnswerLabelQueries() throws Exception {
    Python.require("lz4", "numpy");
    String u = newRepo();
    instance(u, "labelmap", "seg", ", \"BlockSize\": \"16,16,16\"");
    Volume v = Volume.allocate(DataType.UINT64, 32, 16, 16);
    for (int z = 0; z < 16; z++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 32; x++) {
          v.setLong(x, y, z, x < 10 ? 0 : x < 20 ? 5 : (1L << 40) + y);
        }
      }
    }
    Path raw = root.resolve("labels.bin");
    Files.write(raw, bytes(v));
    Path lz = root.resolve("labels.lz4");
    Python.run("import lz4.block, sys\n"
        + "open(sys.argv[2], 'wb').write(lz4.block.compress(open(sys.argv[1], 'rb').read(),"
        + " store_size=False))\n", raw.toString(), lz.toString());
    String p = "/api/node/" + u + "/seg/raw/0_1_2/32_16_16/0_0_0";
    assertEquals(200, w.post(p + "?compression=lz4", Files.readAllBytes(lz)).statusCode());

    HttpResponse<byte[]> plain = w.get(p);
    assertArrayEquals(bytes(v), plain.body());
    Path back = root.resolve("back.lz4");
    Files.write(back, w.get(p + "?compression=lz4").body());
    String same = Python.run("import lz4.block, sys\n"
        + "a = lz4.block.decompress(open(sys.argv[1], 'rb').read(), uncompressed_size=%d)\n"
            .formatted(32 * 16 * 16 * 8)
        + "print(a == open(sys.argv[2], 'rb').read())\n", back.toString(), raw.toString());
    assertEquals("True", same.strip());
    byte[] gz = w.get(p + "?compression=gzip").body();
    assertArrayEquals(bytes(v), new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
    assertDvidError(w.get(p + "?compression=snappy"), 400, "unknown compression type");

    HttpResponse<byte[]> label = w.get("/api/node/" + u + "/seg/label/25_3_9");
    assertEquals("application/json", Wire.contentType(label));
    assertEquals((1L << 40) + 3, Wire.json(label).path("Label").asLong());
    HttpResponse<byte[]> labels = w.send("GET", "/api/node/" + u + "/seg/labels",
        "[[0,0,0],[15,2,2],[31,15,15],[100,100,100]]".getBytes(StandardCharsets.UTF_8),
        Map.of());
    assertEquals("[0,5," + ((1L << 40) + 15) + ",0]", Wire.text(labels));

    long max = (1L << 40) + 15;
    assertEquals(max, Wire.json(w.get("/api/node/" + u + "/seg/maxlabel")).path("maxlabel")
        .asLong());
    assertEquals(max + 1, Wire.json(w.get("/api/node/" + u + "/seg/nextlabel"))
        .path("nextlabel").asLong());
    JsonNode first = Wire.json(w.post("/api/node/" + u + "/seg/nextlabel/5", new byte[0]));
    assertEquals(max + 1, first.path("start").asLong());
    assertEquals(max + 5, first.path("end").asLong());
    JsonNode second = Wire.json(w.post("/api/node/" + u + "/seg/nextlabel/2", new byte[0]));
    assertEquals(max + 6, second.path("start").asLong());
  }

  /** A label occupying an L across two blocks, plus a separate voxel, in a 32x32x16 volume. */
  private static Volume lShape() {
    Volume v = Volume.allocate(DataType.UINT64, 32, 32, 16);
    for (int z = 0; z < 16; z++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          boolean inL = (z >= 3 && z < 6) && ((y == 7 && x >= 4 && x < 25) || (x == 4 && y < 20));
          v.setLong(x, y, z, inL ? 7 : (x + y + z) % 5 == 0 ? 9 : 0);
        }
      }
    }
    v.setLong(31, 31, 15, 7);
    return v;
  }

  @Test
  void sparseVolumesAreDvidsRunLengthEncoding() throws Exception {
    Python.require("numpy");
    String u = newRepo();
    instance(u, "labelmap", "seg", ", \"BlockSize\": \"16,16,16\"");
    Volume v = lShape();
    assertEquals(200, w.post("/api/node/" + u + "/seg/raw/0_1_2/32_32_16/0_0_0", bytes(v))
        .statusCode());
    HttpResponse<byte[]> r = w.get("/api/node/" + u + "/seg/sparsevol/7");
    assertEquals(200, r.statusCode());
    assertEquals("application/octet-stream", Wire.contentType(r));
    ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0, b.get());
    assertEquals(3, b.get());
    assertEquals(0, b.get());
    b.get();
    assertEquals(0, b.getInt());
    int spans = b.getInt();
    assertEquals(12 + 16 * spans, r.body().length);
    // x = 4..24 at y = 7 is one run however the blocks cut it; rows y < 20 at x = 4 are one
    // voxel each: 20 rows + 1 long run (whose start is x = 4 at y = 7) ... per z, + 1 voxel.
    assertEquals(3 * 20 + 1, spans);

    Path rle = root.resolve("seven.rle");
    Files.write(rle, r.body());
    Path labels = root.resolve("labels.bin");
    Files.write(labels, bytes(v));
    String ok = Python.run("import numpy as np, sys\n"
        + "rle = np.frombuffer(open(sys.argv[1], 'rb').read()[12:], '<i4').reshape(-1, 4)\n"
        + "got = set()\n"
        + "for x, y, z, n in rle:\n"
        + "    got.update((int(z), int(y), int(x + i)) for i in range(n))\n"
        + "a = np.fromfile(sys.argv[2], '<u8').reshape(16, 32, 32)\n"
        + "want = set(map(tuple, np.argwhere(a == 7).tolist()))\n"
        + "print(got == want and len(got) == int((a == 7).sum()))\n",
        rle.toString(), labels.toString());
    assertEquals("True", ok.strip());

    HttpResponse<byte[]> size = w.get("/api/node/" + u + "/seg/sparsevol-size/7");
    JsonNode s = Wire.json(size);
    assertEquals(3 * (21 + 19) + 1, s.path("voxels").asLong());
    assertEquals("[0,0,0]", s.path("minvoxel").toString());
    assertEquals("[31,31,15]", s.path("maxvoxel").toString());

    HttpResponse<byte[]> none = w.get("/api/node/" + u + "/seg/sparsevol/8");
    assertEquals(404, none.statusCode());
    assertEquals(0, none.body().length);
    assertEquals(404, w.get("/api/node/" + u + "/seg/sparsevol-size/8").statusCode());
    assertDvidError(w.get("/api/node/" + u + "/seg/sparsevol/0"), 400,
        "Label 0 is protected background value");
    assertEquals(200, w.send("HEAD", "/api/node/" + u + "/seg/sparsevol/7", null, Map.of())
        .statusCode());
    assertEquals(204, w.send("HEAD", "/api/node/" + u + "/seg/sparsevol/8", null, Map.of())
        .statusCode());
  }

  @Test
  void keyValuesAreStoredListedAndDeleted() throws Exception {
    String u = newRepo();
    instance(u, "keyvalue", "meta", "");
    String k = "/api/node/" + u + "/meta/key/";
    assertEquals(200, w.post(k + "beta", "B").statusCode());
    assertEquals(200, w.post(k + "alpha", "A").statusCode());
    assertEquals(200, w.post(k + "with%20space", "S").statusCode());
    HttpResponse<byte[]> got = w.get(k + "alpha");
    assertEquals("application/octet-stream", Wire.contentType(got));
    assertEquals("A", Wire.text(got));
    assertEquals("[\"alpha\",\"beta\",\"with space\"]",
        Wire.text(w.get("/api/node/" + u + "/meta/keys")));
    assertEquals("[\"alpha\",\"beta\"]",
        Wire.text(w.get("/api/node/" + u + "/meta/keyrange/a/beta")));
    assertEquals(200, w.send("HEAD", k + "beta", null, Map.of()).statusCode());
    assertEquals(200, w.send("DELETE", k + "beta", null, Map.of()).statusCode());
    assertEquals(404, w.send("HEAD", k + "beta", null, Map.of()).statusCode());
    HttpResponse<byte[]> missing = w.get(k + "beta");
    assertEquals(404, missing.statusCode());
    assertEquals("Key \"beta\" not found\n", Wire.text(missing));
  }

  @Test
  void versionsInheritTheirParentsDataAndCommittedNodesAreReadOnly() throws Exception {
    String u = newRepo();
    instance(u, "uint8blk", "gray", "");
    instance(u, "keyvalue", "kv", "");
    Volume a = TestVolumes.random(DataType.UINT8, 64, 32, 32, 2);
    w.post("/api/node/" + u + "/gray/raw/0_1_2/64_32_32/0_0_0", bytes(a));
    w.post("/api/node/" + u + "/kv/key/k", "parent");
    assertDvidError(w.post("/api/node/" + u + "/newversion", "{}"), 400,
        "can't branch an unlocked node");
    assertEquals("{\"committed\": \"" + u + "\"}",
        Wire.text(w.post("/api/node/" + u + "/commit", "{\"note\": \"done\"}")));
    assertEquals("{\"Locked\":true}", Wire.text(w.get("/api/node/" + u + "/status")));
    assertDvidError(w.post("/api/node/" + u + "/gray/raw/0_1_2/32_32_32/0_0_0",
        bytes(a.view(0, 0, 0, 32, 32, 32))), 400,
        "Cannot do POST on endpoint \"raw\" of locked node " + u);
    assertDvidError(w.post("/api/node/" + u + "/commit", "{}"), 400,
        "Cannot do post on locked node " + u);

    String child = Wire.json(w.post("/api/node/" + u + "/newversion", "{\"note\": \"n\"}"))
        .path("child").asText();
    assertEquals(child, Wire.json(w.get("/api/repo/" + u + "/info")).path("DAG")
        .path("Nodes").path(child).path("UUID").asText());
    assertArrayEquals(bytes(a), w.get("/api/node/" + child + "/gray/raw/0_1_2/64_32_32/0_0_0")
        .body());
    // The child overwrites one block with new voxels and another with zeros.
    Volume b = TestVolumes.random(DataType.UINT8, 32, 32, 32, 3);
    w.post("/api/node/" + child + "/gray/raw/0_1_2/32_32_32/0_0_0", bytes(b));
    w.post("/api/node/" + child + "/gray/raw/0_1_2/32_32_32/32_0_0", new byte[32 * 32 * 32]);
    Volume expected = Volume.allocate(DataType.UINT8, 64, 32, 32);
    expected.copyFrom(b, 0, 0, 0);
    assertArrayEquals(bytes(expected),
        w.get("/api/node/" + child + "/gray/raw/0_1_2/64_32_32/0_0_0").body());
    assertArrayEquals(bytes(a), w.get("/api/node/" + u + "/gray/raw/0_1_2/64_32_32/0_0_0")
        .body());
    assertEquals("parent", Wire.text(w.get("/api/node/" + child + "/kv/key/k")));
    w.send("DELETE", "/api/node/" + child + "/kv/key/k", null, Map.of());
    assertEquals(404, w.get("/api/node/" + child + "/kv/key/k").statusCode());
    assertEquals("parent", Wire.text(w.get("/api/node/" + u + "/kv/key/k")));

    assertDvidError(w.post("/api/node/" + u + "/newversion", "{}"), 400,
        "branch already exists with given name");
    assertDvidError(w.post("/api/node/" + u + "/branch", "{\"branch\": \"master\"}"), 400,
        "Cannot create a master branch");
    String side = Wire.json(w.post("/api/node/" + u + "/branch", "{\"branch\": \"side\"}"))
        .path("child").asText();
    assertEquals("side", Wire.json(w.get("/api/repo/" + u + "/info")).path("DAG")
        .path("Nodes").path(side).path("Branch").asText());
    // u:master names the newest master node, the child.
    assertEquals(200, w.post("/api/node/" + u.substring(0, 8) + ":master/kv/key/m", "x")
        .statusCode());
    assertEquals("x", Wire.text(w.get("/api/node/" + child + "/kv/key/m")));
  }

  @Test
  void aRestartedServerKeepsItsStateAndVoxelsAreZarrArrays() throws Exception {
    Python.require("zarr", "numpy");
    String u = newRepo();
    instance(u, "uint16blk", "g", ", \"BlockSize\": \"16,16,16\"");
    instance(u, "labelmap", "seg", ", \"BlockSize\": \"16,16,16\"");
    instance(u, "keyvalue", "kv", "");
    Volume v = TestVolumes.random(DataType.UINT16, 48, 32, 16, 4);
    w.post("/api/node/" + u + "/g/raw/0_1_2/48_32_16/16_0_0", bytes(v));
    w.post("/api/node/" + u + "/seg/raw/0_1_2/16_16_16/0_0_0",
        bytes(TestVolumes.random(DataType.UINT64, 16, 16, 16, 5)));
    w.post("/api/node/" + u + "/seg/nextlabel/3", new byte[0]);
    long next = Wire.json(w.get("/api/node/" + u + "/seg/nextlabel")).path("nextlabel").asLong();
    w.post("/api/node/" + u + "/kv/key/a", "1");
    server.close();

    server = DvidServer.start(root, 0, Optional.empty(), FaultInjection.NONE);
    w = new Wire(server.address());
    assertArrayEquals(bytes(v), w.get("/api/node/" + u + "/g/raw/0_1_2/48_32_16/16_0_0").body());
    assertEquals("[16,0,0]", Wire.json(w.get("/api/node/" + u + "/g/info")).path("Extended")
        .path("MinPoint").toString());
    assertEquals(next, Wire.json(w.get("/api/node/" + u + "/seg/nextlabel")).path("nextlabel")
        .asLong());
    assertEquals("1", Wire.text(w.get("/api/node/" + u + "/kv/key/a")));

    String data = Wire.json(w.get("/api/node/" + u + "/g/info")).path("Base").path("DataUUID")
        .asText();
    Path arr = root.resolve("repos").resolve(u).resolve("data").resolve(data).resolve(u)
        .resolve("voxels");
    Path expected = root.resolve("v.bin");
    Files.write(expected, bytes(v));
    String ok = Python.run("import zarr, numpy as np, sys\n"
        + "z = zarr.open(sys.argv[1], mode='r')\n"
        + "want = np.fromfile(sys.argv[2], '<u2').reshape(16, 32, 48)\n"
        + "print(z.chunks == (16, 16, 16), z.dtype == np.uint16,"
        + " np.array_equal(z[0:16, 0:32, 16:64], want), int(z[:, :, 0:16].max()) == 0)\n",
        arr.toString(), expected.toString());
    assertEquals("True True True True", ok.strip());
  }

  @Test
  void concurrentPostsOfDisjointBlocksAllLand() throws Exception {
    String u = newRepo();
    instance(u, "uint8blk", "gray", ", \"BlockSize\": \"16,16,16\"");
    Volume v = TestVolumes.random(DataType.UINT8, 128, 64, 32, 6);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> posts = new ArrayList<>();
      for (int z = 0; z < 32; z += 16) {
        for (int y = 0; y < 64; y += 16) {
          for (int x = 0; x < 128; x += 32) {
            BoundingBox b = BoundingBox.at(x, y, z, 32, 16, 16);
            posts.add(pool.submit(() -> w.post("/api/node/" + u + "/gray/raw/0_1_2/32_16_16/"
                + b.x0() + "_" + b.y0() + "_" + b.z0(), v.view(b).copy().array())
                .statusCode()));
          }
        }
      }
      for (Future<Integer> f : posts) {
        assertEquals(200, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(bytes(v), w.get("/api/node/" + u + "/gray/raw/0_1_2/128_64_32/0_0_0")
        .body());
    JsonNode ext = Wire.json(w.get("/api/node/" + u + "/gray/info")).path("Extended");
    assertEquals("[127,63,31]", ext.path("MaxPoint").toString());
  }

  @Test
  void aTokenGuardsReposNodesAndInstancesAsDvidsDsgAuthDoes() throws Exception {
    server.close();
    server = DvidServer.start(root, 0, Optional.of(Secret.of("s3cret")), FaultInjection.NONE);
    w = new Wire(server.address());
    Map<String, String> auth = Map.of("Authorization", "Bearer s3cret");
    assertDvidError(w.post("/api/repos", "{}"), 400, "Creating a repo requires admin"
        + " privileges");
    HttpResponse<byte[]> made = w.send("POST", "/api/repos", "{}".getBytes(StandardCharsets.UTF_8),
        auth);
    String u = Wire.json(made).path("root").asText();
    assertDvidError(w.get("/api/repo/" + u + "/info"), 401,
        "dsg token required via Authorization header or dsg_token cookie");
    assertDvidError(w.send("GET", "/api/repo/" + u + "/info", null,
        Map.of("Authorization", "Bearer wrong")), 401, "invalid DSG token");
    assertEquals(200, w.send("GET", "/api/repo/" + u + "/info", null, auth).statusCode());
    assertEquals("{}", Wire.text(w.get("/api/repos/info")));
    assertTrue(Wire.json(w.send("GET", "/api/repos/info", null, auth)).has(u));
    assertEquals(200, w.get("/api/server/info").statusCode());
  }
}
