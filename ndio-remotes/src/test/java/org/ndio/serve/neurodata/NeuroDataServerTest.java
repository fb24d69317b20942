package org.ndio.serve.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.testing.Python;
import org.ndio.volume.DataType;

/** The server's own pieces: Python's number forms, ndstore's level rules, propagate states. */
class NeuroDataServerTest {

  @TempDir
  Path dir;

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void floatsAndDocumentsAreWrittenAsPythonWritesThem() {
    Python.require("json");
    double[] values = {4.0, 0.1, 1e-5, 123456789.0, 1e16, 2.5e-300, -0.0, 30.000000000000004};
    StringBuilder args = new StringBuilder();
    StringBuilder ours = new StringBuilder();
    for (double v : values) {
      args.append(Double.toString(v)).append(' ');
      ours.append(PyJson.repr(v)).append(' ');
    }
    String python = Python.run("import sys\nprint(' '.join(repr(float(a)) for a in"
        + " sys.argv[1:]))", args.toString().strip().split(" ")).strip();
    assertEquals(python, ours.toString().strip());
    assertEquals("{\n    \"a\": [\n        1, \n        2.0\n    ], \n    \"b\": {}\n}",
        PyJson.dumps(Map.of("b", Map.of(), "a", List.of(1, 2.0))));
  }

  @Test
  void levelsFollowNdstoresRules() {
    NdDataset z = new NdDataset("d", "", List.of(1001L, 999L, 37L), List.of(5L, 0L, 1L),
        List.of(4.0, 4.0, 40.0), 4, 0, 0);
    assertEquals(List.of(501L, 500L, 37L), asList(z.imageSize(1)));
    assertEquals(List.of(63L, 63L, 37L), asList(z.imageSize(4)));
    assertEquals(List.of(2L, 0L, 1L), asList(z.offset(1)));
    assertEquals(List.of(0L, 0L, 1L), asList(z.offset(3)));
    NdDataset iso = new NdDataset("d", "", List.of(1001L, 999L, 37L), List.of(0L, 0L, 9L),
        List.of(4.0, 4.0, 4.0), 2, 1, 0);
    assertEquals(List.of(251L, 250L, 10L), asList(iso.imageSize(2)));
    assertEquals(List.of(0L, 0L, 2L), asList(iso.offset(2)));
    assertEquals(new org.ndio.volume.Size3(64, 64, 64), iso.cube(0));
    assertEquals(new org.ndio.volume.Size3(2, 2, 2), iso.factor());
  }

  private static List<Long> asList(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  @Test
  void meansRoundHalfUpInTheirOwnArithmetic() {
    assertEquals(3, Downsample.mean(new long[] {2, 3, 3, 3}, 4, DataType.UINT8));
    assertEquals(-2, Downsample.mean(new long[] {-2, -3}, 2, DataType.INT8));
    assertEquals(-1L, Downsample.mean(new long[] {-1L, -1L, -1L, -2L}, 4, DataType.UINT64));
    assertEquals(7, Downsample.mode(new long[] {0, 7, 0, 0}, 4));
    assertEquals(4, Downsample.mode(new long[] {9, 4, 9, 4}, 4));
    assertEquals(0, Downsample.mode(new long[] {0, 0, 0, 0}, 4));
  }

  @Test
  void propagateStatesAndRefusalsAreNdstoresAndSurviveARestart() throws Exception {
    String ingest = "{\"dataset\": {\"dataset_name\": \"d\", \"imagesize\": [40, 30, 4],"
        + " \"voxelres\": [1.0, 1.0, 1.0], \"scalinglevels\": 1}, \"project\":"
        + " {\"project_name\": \"p\"}, \"channels\": {\"c\": {\"channel_name\": \"c\","
        + " \"datatype\": \"uint8\", \"channel_type\": \"image\", \"data_url\": \"\","
        + " \"file_format\": \"SLICE\", \"file_type\": \"tif\"}}, \"metadata\": {}}";
    try (EmbeddedServer s = NeuroDataServer.start(dir, 0, Optional.empty(),
        FaultInjection.NONE)) {
      assertEquals(200, post(s, "autoIngest/", ingest).statusCode());
      assertEquals("0", get(s, "p/c/getPropagate/").body());
      assertEquals(200, get(s, "p/c/setPropagate/1/").statusCode());
      String state = get(s, "p/c/getPropagate/").body();
      for (int i = 0; i < 200 && !state.equals("2"); i++) {
        Thread.sleep(20);
        state = get(s, "p/c/getPropagate/").body();
      }
      assertEquals("2", state);
      HttpResponse<String> again = get(s, "p/c/setPropagate/1/");
      assertEquals(404, again.statusCode());
      assertEquals("Cannot propagate a project which is propagated. Set to Not Propagated"
          + " first.", again.body());
      assertEquals("Invalid Value 7 for setPropagate", get(s, "p/c/setPropagate/7/").body());
      assertEquals(200, get(s, "p/c/setPropagate/0/").statusCode());
      HttpResponse<String> bad = get(s, "p/c/npz/2/0,4/0,4/0,1/");
      assertEquals("Illegal scaling level 2/0,4/0,4/0,1/", bad.body());
      assertEquals(404, get(s, "nope/info/").statusCode());
      assertEquals(404, get(s, "p/c/xy/0/0,4/0,4/0/").statusCode());
    }
    try (EmbeddedServer s = NeuroDataServer.start(dir, 0, Optional.empty(),
        FaultInjection.NONE)) {
      assertEquals("0", get(s, "p/c/getPropagate/").body());
      assertEquals(200, get(s, "p/info/").statusCode());
    }
  }

  private static HttpResponse<String> get(EmbeddedServer s, String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(s.address() + "/nd/sd/" + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(EmbeddedServer s, String path, String body)
      throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(s.address() + "/nd/sd/" + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
