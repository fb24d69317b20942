package org.ndio.serve.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.Python;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * ndio's ndstore RAMON services spoken to byte for byte: bodies h5py writes as the original
 * Python ndio posted them, answers read back with h5py, ndstore's statuses and refusals.
 */
class RamonServiceWireTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;
  EmbeddedServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    server = NeuroDataServer.start(dir.resolve("root"), 0, Optional.empty(),
        FaultInjection.NONE);
    base = server.address() + "/nd/sd/";
    // A dataset offset of (5, 6, 1): RAMON coordinates are the dataset's, offset included.
    String url = "neurodata+http://127.0.0.1:" + server.port() + "/proj/anno";
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(DataType.UINT32,
        new Size3(32, 32, 8)), WriteMode.CREATE_OR_APPEND)) {
      w.commit();
    }
    try (VolumeWriter w = Volumes.create("neurodata+http://127.0.0.1:" + server.port()
        + "/proj/img", VolumeSpec.of(DataType.UINT8, new Size3(32, 32, 8)),
        WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, Volume.allocate(DataType.UINT8, 32, 32, 8));
      w.commit();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** What the original Python ndio posted: a new generic (group 0) and synapse 77. */
  private static final String WRITE = String.join("\n",
      "import sys, h5py, numpy as np",
      "with h5py.File(sys.argv[1], 'w') as f:",
      "    g = f.create_group('0')",
      "    g.create_dataset('ANNOTATION_TYPE', (1,), np.uint32, data=1)",
      "    g.create_dataset('RESOLUTION', (1,), np.uint32, data=0)",
      "    g.create_dataset('XYZOFFSET', (3,), np.uint32, data=[10, 8, 2])",
      "    c = np.zeros((2, 3, 4), np.uint32); c[1, 2, 3] = 1; c[0, 0, 0] = 9",
      "    g.create_dataset('CUTOUT', c.shape, np.uint32, data=c)",
      "    m = g.create_group('METADATA')",
      "    s = h5py.special_dtype(vlen=str)",
      "    m.create_dataset('AUTHOR', (1,), dtype=s, data=['py'])",
      "    m.create_dataset('CONFIDENCE', (1,), np.float64, data=0.5)",
      "    m.create_dataset('STATUS', (1,), np.uint32, data=2)",
      "    m.create_dataset('KVPAIRS', (1,), dtype=s, data=['k,v\\r\\n\"a, b\",\"c\"\"d\"\\r\\n'])",
      "    g = f.create_group('77')",
      "    g.create_dataset('ANNOTATION_TYPE', (1,), np.uint32, data=2)",
      "    m = g.create_group('METADATA')",
      "    m.create_dataset('SYNAPSE_TYPE', (1,), np.uint32, data=3)",
      "    m.create_dataset('WEIGHT', (1,), np.float64, data=2.5)",
      "    m.create_dataset('CONFIDENCE', (1,), np.float64, data=1.0)",
      "");

  /** Checks a cutout answer for the new generic as h5py reads it; prints its ids. */
  private static final String CHECK = String.join("\n",
      "import sys, csv, io, h5py, numpy as np",
      "with h5py.File(sys.argv[1], 'r') as f:",
      "    ids = sorted(f.keys(), key=int)",
      "    g = f[ids[0]]",
      "    assert g['ANNOTATION_TYPE'][0] == 1 and g['ANNOTATION_TYPE'].dtype == np.uint32",
      "    assert list(g['XYZOFFSET'][:]) == [10, 8, 2], g['XYZOFFSET'][:]",
      "    c = g['CUTOUT'][:]",
      "    assert c.shape == (2, 3, 4), c.shape",
      "    assert sorted(zip(*np.nonzero(c))) == [(0, 0, 0), (1, 2, 3)], np.nonzero(c)",
      "    assert set(np.unique(c)) == {0, int(ids[0])}",
      "    m = g['METADATA']",
      "    assert m['STATUS'][0] == 2 and m['CONFIDENCE'][0] == 0.5",
      "    a = m['AUTHOR'][0]; a = a.decode() if isinstance(a, bytes) else a",
      "    assert a == 'py', a",
      "    kv = m['KVPAIRS'][0]; kv = kv.decode() if isinstance(kv, bytes) else kv",
      "    assert dict(csv.reader(io.StringIO(kv))) == {'k': 'v', 'a, b': 'c\"d'}, kv",
      "    print(','.join(ids))",
      "");

  @Test
  void bodiesTheOriginalClientPostedAndAnswersH5pyReads() throws Exception {
    Python.require("h5py", "numpy");
    Path in = dir.resolve("post.h5");
    Python.run(WRITE, in.toString());
    HttpResponse<byte[]> post = send("POST", "proj/anno/", Files.readAllBytes(in));
    assertEquals(200, post.statusCode(), text(post));
    String[] ids = text(post).split(",");
    assertEquals(2, ids.length, text(post));
    assertTrue(ids[0].equals("77") != ids[1].equals("77"), text(post));
    String fresh = ids[0].equals("77") ? ids[1] : ids[0];
    assertEquals("78", fresh, "a new id follows the highest id given");

    HttpResponse<byte[]> get = send("GET", "proj/anno/" + fresh + "/cutout/0/", null);
    assertEquals(200, get.statusCode(), text(get));
    assertEquals("product/hdf5", get.headers().firstValue("Content-Type").orElse(""));
    Path reply = dir.resolve("reply.h5");
    Files.write(reply, get.body());
    assertEquals(fresh, Python.run(CHECK, reply.toString()).strip());

    HttpResponse<byte[]> q = send("GET", "proj/anno/query/type/2/", null);
    Path ids2 = dir.resolve("ids.h5");
    Files.write(ids2, q.body());
    assertEquals("uint32 [77]", Python.run("import sys, h5py\nwith h5py.File(sys.argv[1]) as f:"
        + "\n    print(f['ANNOIDS'].dtype, list(f['ANNOIDS'][:]))", ids2.toString()).strip());

    HttpResponse<byte[]> json = send("GET", "proj/anno/77/json/", null);
    assertEquals("application/json", json.headers().firstValue("Content-Type").orElse(""));
    assertEquals("3 2.5 2", Python.run("import sys, json\nd = json.loads(sys.argv[1])['77']\n"
        + "print(d['syn_type'], d['syn_weight'], d['ann_type'])", text(json)).strip());
  }

  @Test
  void refusalsAreNdstoresAndStoreNothing() throws Exception {
    Python.require("h5py", "numpy");
    Path in = dir.resolve("unknown.h5");
    Python.run("import sys, h5py, numpy as np\nwith h5py.File(sys.argv[1], 'w') as f:\n"
        + "    f.create_group('5').create_dataset('ANNOTATION_TYPE', (1,), np.uint32, data=42)\n"
        + "    f.create_group('6').create_dataset('ANNOTATION_TYPE', (1,), np.uint32, data=1)\n",
        in.toString());
    HttpResponse<byte[]> r = send("POST", "proj/anno/", Files.readAllBytes(in));
    assertEquals(404, r.statusCode());
    assertTrue(text(r).contains("42") && !text(r).contains("\n"), text(r));
    assertEquals(404, send("GET", "proj/anno/6/", null).statusCode(), "nothing stored");

    r = send("POST", "proj/anno/", new byte[] {'n', 'o', 't', ' ', 'h', 'd', 'f'});
    assertEquals(404, r.statusCode());
    assertTrue(text(r).startsWith("Put Annotation:Put transaction rollback."), text(r));
    r = send("POST", "proj/anno/", new byte[0]);
    assertEquals("Error. Failed to parse HDF5 file becuase it was empty.", text(r));

    r = send("GET", "proj/anno/6/nodata/", null);
    assertEquals("No annotation found at identifier = 6", text(r));
    r = send("GET", "proj/anno/6/json/", null);
    assertEquals("Error: No annotation found at identifier = 6", text(r));
    r = send("POST", "proj/img/", Files.readAllBytes(in));
    assertEquals("Channel img does not support annotations", text(r));
    r = send("POST", "proj/anno/query/type/1/", new byte[0]);
    assertEquals(405, r.statusCode(), "ndstore's router takes GET only for queries");
    r = send("GET", "proj/anno/merge/1,2/global/0/", null);
    assertEquals(405, r.statusCode());
    r = send("POST", "proj/anno/merge/1,2/global/0/", new byte[0]);
    assertEquals("Invalid object id used in merge", text(r));
    r = send("DELETE", "proj/anno/6,7/", null);
    assertEquals(200, r.statusCode());
    assertEquals("Success", text(r));
    r = send("GET", "proj/anno/query/limit/x/", null);
    assertEquals("Limit needs an integer. Illegal value:x", text(r));
  }
}
