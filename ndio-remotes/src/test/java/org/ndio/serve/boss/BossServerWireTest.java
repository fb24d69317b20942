package org.ndio.serve.boss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.codec.Blosc;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The server's wire protocol seen from a plain HTTP client: paths, status codes, content
 * types, exact JSON bodies and field order, error bodies and codes, as the BOSS service's
 * views, serializers and Django REST Framework produce them.
 */
class BossServerWireTest {

  static final String TOKEN = "wire-token-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  EmbeddedServer server;
  final HttpClient http = HttpClient.newHttpClient();

  record Answer(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = BossServer.start(dir, 0, Optional.of(Secret.of(TOKEN)), FaultInjection.NONE,
        BossServerConfig.DEFAULT.withMaxCutoutBytes(4 << 20));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Answer send(String method, String path, String auth, Map<String, String> headers,
      byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.address() + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    headers.forEach(b::header);
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
        r.body());
  }

  Answer get(String path) throws Exception {
    return send("GET", path, "Token " + TOKEN, Map.of(), null);
  }

  Answer post(String path, String json) throws Exception {
    return send("POST", path, "Token " + TOKEN, Map.of("Content-Type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static void assertBossError(Answer a, int status, int code, String message) throws Exception {
    assertEquals(status, a.status(), a.text());
    assertEquals("application/json", a.contentType());
    assertEquals("{\"status\": " + status + ", \"code\": " + code + ", \"message\": "
        + JSON.writeValueAsString(message) + "}", a.text());
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Collection c, frame f (0:600, 0:300, 0:40), experiment e (2 levels), channels. */
  void project() throws Exception {
    assertEquals(201, post("/v1/collection/c/", "{\"description\": \"d\"}").status());
    assertEquals(201, post("/v1/coord/f/", "{\"x_start\": 0, \"x_stop\": 600, \"y_start\": 0,"
        + " \"y_stop\": 300, \"z_start\": 0, \"z_stop\": 40, \"x_voxel_size\": 4,"
        + " \"y_voxel_size\": 4, \"z_voxel_size\": 40, \"voxel_unit\": \"nanometers\"}")
        .status());
    assertEquals(201, post("/v1/collection/c/experiment/e/", "{\"coord_frame\": \"f\","
        + " \"num_hierarchy_levels\": 2}").status());
    assertEquals(201, post("/v1/collection/c/experiment/e/channel/img/",
        "{\"type\": \"image\", \"datatype\": \"uint16\"}").status());
    assertEquals(201, post("/v1/collection/c/experiment/e/channel/seg/",
        "{\"type\": \"annotation\", \"datatype\": \"uint64\"}").status());
  }

  @Test
  void authenticationIsAnsweredAsDjangoRestFrameworkAndTheBossAnswerIt() throws Exception {
    project();
    Answer wrong = send("GET", "/v1/collection/", "Token nope", Map.of(), null);
    assertEquals(401, wrong.status());
    assertEquals("{\"detail\":\"Invalid token.\"}", wrong.text());
    assertEquals("{\"detail\":\"Invalid token header. No credentials provided.\"}",
        send("GET", "/v1/collection/", "Token", Map.of(), null).text());
    Answer anonymousPost = send("POST", "/v1/collection/x/", null, Map.of(), null);
    assertEquals(401, anonymousPost.status());
    assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}",
        anonymousPost.text());
    assertBossError(send("GET", "/v1/collection/c/experiment/e/channel/img/", null, Map.of(),
        null), 403, 3001, "Missing read permissions on the resource img");
    assertBossError(send("GET", "/v1/cutout/c/e/img/0/0:1/0:1/0:1/", null, Map.of(), null),
        403, 3001, "This user does not have the required permissions");
    assertEquals("{\"collections\":[]}", send("GET", "/v1/collection/", null, Map.of(), null)
        .text());
  }

  @Test
  void resourcesAreCreatedListedAndDescribedWithTheServiceFields() throws Exception {
    Answer c = post("/v1/collection/c/", "{\"description\": \"d\"}");
    assertEquals(201, c.status());
    assertEquals("{\"name\":\"c\",\"public\":false,\"description\":\"d\",\"experiments\":[],"
        + "\"creator\":\"ndio\"}", c.text());
    assertBossError(post("/v1/collection/c/", "{}"), 400, 1003, "{'name': [ErrorDetail("
        + "string='collection with this name already exists.', code='unique')]}");
    assertBossError(post("/v1/coord/f/", "{\"x_start\": 0, \"x_stop\": \"wide\", \"y_start\": 0,"
        + " \"y_stop\": 3, \"z_start\": 0, \"z_stop\": 4, \"x_voxel_size\": 4, \"y_voxel_size\":"
        + " 4, \"z_voxel_size\": 40}"), 400, 1003, "{'x_stop': [ErrorDetail(string='A valid"
        + " integer is required.', code='invalid')], 'voxel_unit': [ErrorDetail(string='This"
        + " field is required.', code='required')]}");
    assertBossError(post("/v1/collection/c/experiment/e/", "{}"), 400, 1003,
        "This request requires a valid coordinate frame");
    assertBossError(post("/v1/collection/c/experiment/e/", "{\"coord_frame\": \"nope\"}"), 404,
        4000, "nope does not exist.");
    project2();
    JsonNode frame = get("/v1/coord/f/").json();
    assertEquals(List.of("name", "description", "x_start", "x_stop", "y_start", "y_stop",
        "z_start", "z_stop", "x_voxel_size", "y_voxel_size", "z_voxel_size", "voxel_unit"),
        fieldNames(frame));
    JsonNode e = get("/v1/collection/c/experiment/e").json();
    assertEquals(List.of("channels", "name", "public", "description", "collection",
        "coord_frame", "num_hierarchy_levels", "hierarchy_method", "num_time_samples",
        "time_step", "time_step_unit", "creator"), fieldNames(e));
    assertEquals("[\"img\",\"seg\"]", e.get("channels").toString());
    assertEquals("anisotropic", e.get("hierarchy_method").asText());
    JsonNode ch = get("/v1/collection/c/experiment/e/channel/seg/").json();
    assertEquals(List.of("name", "public", "description", "experiment", "default_time_sample",
        "type", "base_resolution", "datatype", "creator", "sources", "downsample_status",
        "related", "storage_type", "bucket", "cv_path"), fieldNames(ch));
    assertEquals("NOT_DOWNSAMPLED", ch.get("downsample_status").asText());
    assertBossError(post("/v1/collection/c/experiment/e/channel/bad/", "{\"type\": \"image\","
        + " \"datatype\": \"float32\"}"), 400, 1003, "{'datatype': [ErrorDetail(string="
        + "'\"float32\" is not a valid choice.', code='invalid_choice')]}");
    assertBossError(post("/v1/collection/c/experiment/e/channel/img/", "{\"type\": \"image\","
        + " \"datatype\": \"uint8\"}"), 400, 1003, "{'non_field_errors': [ErrorDetail(string="
        + "'The fields experiment, name must make a unique set.', code='unique')]}");

    assertEquals("{\"collections\":[\"c\"]}", get("/v1/collection/").text());
    assertEquals("{\"experiments\":[\"e\"]}", get("/v1/collection/c/experiment/").text());
    assertEquals("{\"channels\":[\"img\",\"seg\"]}",
        get("/v1/collection/c/experiment/e/channel").text());
    assertEquals("{\"coords\":[\"f\"]}", get("/v1/coord/").text());

    assertBossError(send("DELETE", "/v1/collection/c/", "Token " + TOKEN, Map.of(), null), 400,
        4003, "Collection c has experiments that reference it and cannot be deleted.Please"
        + " delete the experiments first.");
    assertEquals(204, send("DELETE", "/v1/collection/c/experiment/e/channel/img/",
        "Token " + TOKEN, Map.of(), null).status());
    assertBossError(get("/v1/collection/c/experiment/e/channel/img/"), 404, 4005,
        "Invalid Request. This Resource has been marked for deletion");
    assertEquals("{\"channels\":[\"seg\"]}",
        get("/v1/collection/c/experiment/e/channel/").text());
    assertBossError(get("/v1/collection/c/experiment/nope/channel/x/"), 404, 4000,
        "nope does not exist.");

    Answer unknown = get("/v1/nothing/here/");
    assertEquals(404, unknown.status());
    assertTrue(unknown.contentType().startsWith("text/html"));
    assertTrue(unknown.text().contains("<h1>Not Found</h1>"));
    Answer patch = send("PATCH", "/v1/collection/c/", "Token " + TOKEN, Map.of(), null);
    assertEquals(405, patch.status());
    assertEquals("{\"detail\":\"Method \\\"PATCH\\\" not allowed.\"}", patch.text());
  }

  /** The rest of {@link #project()} once the collection exists. */
  private void project2() throws Exception {
    assertEquals(201, post("/v1/coord/f/", "{\"x_start\": 0, \"x_stop\": 600, \"y_start\": 0,"
        + " \"y_stop\": 300, \"z_start\": 0, \"z_stop\": 40, \"x_voxel_size\": 4,"
        + " \"y_voxel_size\": 4, \"z_voxel_size\": 40, \"voxel_unit\": \"nanometers\"}")
        .status());
    assertEquals(201, post("/v1/collection/c/experiment/e/", "{\"coord_frame\": \"f\","
        + " \"num_hierarchy_levels\": 2}").status());
    assertEquals(201, post("/v1/collection/c/experiment/e/channel/img/",
        "{\"type\": \"image\", \"datatype\": \"uint16\"}").status());
    assertEquals(201, post("/v1/collection/c/experiment/e/channel/seg/",
        "{\"type\": \"annotation\", \"datatype\": \"uint64\"}").status());
  }

  Answer postBlosc(String path, byte[] frame) throws Exception {
    return send("POST", path, "Token " + TOKEN, Map.of("Content-Type", "application/blosc"),
        frame);
  }

  @Test
  void cutoutsPostBloscAndAnswerBloscWithTypesizeInBitsOrNpygz() throws Exception {
    project();
    Volume v = TestVolumes.random(DataType.UINT16, 70, 50, 6, 3);
    Answer created = postBlosc("/v1/cutout/c/e/img/0/10:80/20:70/3:9/",
        Blosc.DEFAULT.encode(v.array(), 2));
    assertEquals(201, created.status());
    assertEquals(0, created.body().length);

    Answer got = send("GET", "/v1/cutout/c/e/img/0/10:80/20:70/3:9", "Token " + TOKEN,
        Map.of("Accept", "application/blosc"), null);
    assertEquals(200, got.status());
    assertEquals("application/blosc", got.contentType());
    assertEquals(16, Blosc.frameInfo(got.body()).typeSize()); // bits, as the service sends
    assertArrayEquals(v.array(), Blosc.DEFAULT.decode(got.body(), (int) v.voxels() * 2));

    Answer npygz = send("GET", "/v1/cutout/c/e/img/0/10:80/20:70/3:9/", "Token " + TOKEN,
        Map.of("Accept", "application/npygz"), null);
    assertEquals("application/npygz", npygz.contentType());
    byte[] npy = new InflaterInputStream(new java.io.ByteArrayInputStream(npygz.body()))
        .readAllBytes();
    String header = new String(npy, 10, npy.length - 10 - (int) v.voxels() * 2,
        StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("'descr': '<u2'") && header.contains("'shape': (6, 50, 70)"),
        header);
    assertArrayEquals(v.array(), java.util.Arrays.copyOfRange(npy, npy.length
        - (int) v.voxels() * 2, npy.length));

    assertEquals("{\"detail\":\"Could not satisfy the request Accept header.\"}",
        send("GET", "/v1/cutout/c/e/img/0/10:80/20:70/3:9/", "Token " + TOKEN,
            Map.of("Accept", "application/json"), null).text());
    Answer text = send("POST", "/v1/cutout/c/e/img/0/0:1/0:1/0:1/", "Token " + TOKEN,
        Map.of("Content-Type", "text/plain"), new byte[] {1});
    assertEquals(415, text.status());
    assertEquals("{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}",
        text.text());
    assertBossError(postBlosc("/v1/cutout/c/e/img/0/0:10/0:10/0:1/",
        Blosc.DEFAULT.encode(new byte[100], 2)), 400, 2002, "Failed to unpack data. Verify the"
        + " datatype of your POSTed data and xyz dimensions used in the POST URL.");
    assertBossError(postBlosc("/v1/cutout/c/e/img/0/0:10/0:10/0:1/", new byte[] {1, 2, 3}),
        400, 2001, "Failed to decompress data. Verify the datatype/bitdepth of your data"
        + " matches the channel.");
    assertBossError(get("/v1/cutout/c/e/img/0/0:601/0:10/0:1/"), 400, 1001,
        "Incorrect cutout arguments 0/0:601/0:10/0:1");
    assertBossError(get("/v1/cutout/c/e/img/0/5:5/0:10/0:1/"), 400, 1001,
        "Incorrect cutout arguments 0/5:5/0:10/0:1");
    assertBossError(get("/v1/cutout/c/e/img/2/0:1/0:1/0:1/"), 400, 1002,
        "Invalid resolution 2. The resolution has to be within 0 and 2");
    assertBossError(get("/v1/cutout/c/e/nope/0/0:1/0:1/0:1/"), 404, 4000,
        "Channel nope not found");
    assertBossError(postBlosc("/v1/cutout/c/e/img/1/0:2/0:2/0:1/", Blosc.DEFAULT.encode(
        new byte[8], 2)), 400, 1006, "This server keeps resolution 0 only (lower levels are"
        + " computed from it); resolution 1 cannot be written");
    assertEquals(200, get("/v1/cutout/c/e/img/0/0:2/0:2/0:1/0:1/").status());
    assertBossError(get("/v1/cutout/c/e/img/0/0:2/0:2/0:1/0:5/"), 400, 1000,
        "Invalid time range 0:5. End time is greater than the start time or out of bounds"
        + " with maximum time sample 1");
  }

  /**
   * Isotropic levels are computed from level 0 as means of 2^r-cubes (z halves too); a level
   * whose single voxel would need more than the server reads at once is refused with 413.
   */
  @Test
  void isotropicLevelsAreComputedOnRequest() throws Exception {
    project();
    assertEquals(201, post("/v1/coord/small/", "{\"x_start\": 0, \"x_stop\": 8, \"y_start\": 0,"
        + " \"y_stop\": 8, \"z_start\": 0, \"z_stop\": 8, \"x_voxel_size\": 4,"
        + " \"y_voxel_size\": 4, \"z_voxel_size\": 4, \"voxel_unit\": \"nanometers\"}")
        .status());
    assertEquals(201, post("/v1/collection/c/experiment/iso/", "{\"coord_frame\": \"small\","
        + " \"num_hierarchy_levels\": 10, \"hierarchy_method\": \"isotropic\"}").status());
    assertEquals(201, post("/v1/collection/c/experiment/iso/channel/ch/",
        "{\"type\": \"image\", \"datatype\": \"uint16\"}").status());
    Volume v = TestVolumes.random(DataType.UINT16, 8, 8, 8, 2);
    assertEquals(201, postBlosc("/v1/cutout/c/iso/ch/0/0:8/0:8/0:8/",
        Blosc.DEFAULT.encode(v.array(), 2)).status());
    Answer level2 = get("/v1/cutout/c/iso/ch/2/0:2/0:2/0:2/");
    Volume got = Volume.wrap(DataType.UINT16, 2, 2, 2, Blosc.DEFAULT.decode(level2.body(), 16));
    for (int i = 0; i < 8; i++) {
      int ox = i % 2;
      int oy = (i / 2) % 2;
      int oz = i / 4;
      long sum = 0;
      for (int k = 0; k < 64; k++) {
        sum += v.getLong(4 * ox + k % 4, 4 * oy + (k / 4) % 4, 4 * oz + k / 16);
      }
      assertEquals(Math.round(sum / 64.0), got.getLong(ox, oy, oz));
    }
    assertBossError(get("/v1/cutout/c/iso/ch/9/0:1/0:1/0:1/"), 413, 2000, "This server"
        + " computes resolution 9 from resolution 0 on request; one of its voxels covers"
        + " 134217728 voxels there, more than it reads at once");
  }

  /** The limit counts voxel bytes, a quarter for uint64, as the service counts them. */
  @Test
  void cutoutsOverTheLimitAre413WithCode2000() throws Exception {
    project();
    String tooLarge = "Cutout request is over 500MB when uncompressed. Reduce cutout"
        + " dimensions.";
    // 600 x 300 x 12 uint16 = 4.1 MiB > 4 MiB
    assertBossError(get("/v1/cutout/c/e/img/0/0:600/0:300/0:12/"), 413, 2000, tooLarge);
    assertBossError(postBlosc("/v1/cutout/c/e/img/0/0:600/0:300/0:12/", new byte[16]), 413,
        2000, tooLarge);
    assertEquals(200, get("/v1/cutout/c/e/img/0/0:600/0:300/0:11/").status());
    // 600 x 300 x 12 uint64 = 16.5 MiB, counted as 4.1 MiB; 11 sections fit
    assertEquals(413, get("/v1/cutout/c/e/seg/0/0:600/0:300/0:12/").status());
    assertEquals(200, get("/v1/cutout/c/e/seg/0/0:600/0:300/0:11/").status());
  }

  @Test
  void objectServicesAnswerTheServiceJson() throws Exception {
    project();
    Volume v = Volume.allocate(DataType.UINT64, 600, 40, 20);
    for (int z = 2; z < 5; z++) {
      for (int y = 10; y < 13; y++) {
        for (int x = 505; x < 530; x++) {
          v.setLong(x, y, z, 5);
        }
      }
    }
    v.setLong(7, 8, 18, 3);
    assertEquals(201, postBlosc("/v1/cutout/c/e/seg/0/0:600/0:40/0:20/",
        Blosc.DEFAULT.encode(v.array(), 64)).status());

    assertEquals("{\"start_id\":1,\"count\":\"5\"}", get("/v1/reserve/c/e/seg/5/").text());
    assertEquals("{\"start_id\":6,\"count\":\"2\"}", get("/v1/reserve/c/e/seg/2").text());
    assertEquals("{\"ids\":[\"3\",\"5\"]}", get("/v1/ids/c/e/seg/0/0:600/0:40/0:20/").text());
    assertEquals("{\"ids\":[\"5\"]}", get("/v1/ids/c/e/seg/0/500:600/0:40/0:10/").text());
    assertEquals("{\"ids\":[]}", get("/v1/ids/c/e/seg/0/0:5/0:5/0:5/").text());
    assertEquals("{\"x_range\":[505,530],\"y_range\":[10,13],\"z_range\":[2,5],"
        + "\"t_range\":[0,1]}", get("/v1/boundingbox/c/e/seg/0/5/?type=tight").text());
    // Loose boxes are whole cuboids, not clipped to the frame.
    assertEquals("{\"x_range\":[0,1024],\"y_range\":[0,512],\"z_range\":[0,16],"
        + "\"t_range\":[0,1]}", get("/v1/boundingbox/c/e/seg/0/5/").text());
    assertEquals("{\"x_range\":[0,512],\"y_range\":[0,512],\"z_range\":[16,32],"
        + "\"t_range\":[0,1]}", get("/v1/boundingbox/c/e/seg/0/3/?type=loose").text());
    assertBossError(get("/v1/boundingbox/c/e/seg/0/99/"), 404, 4004, "The id does not exist. 99");
    assertBossError(get("/v1/boundingbox/c/e/seg/0/5/?type=snug"), 400, 1005,
        "Invalid option for bounding box type snug. The valid options are : loose or tight");
    assertBossError(get("/v1/ids/c/e/img/0/0:5/0:5/0:5/"), 400, 2003,
        "The channel in request has type image. Can only reserve IDs for annotation channels");
    assertBossError(get("/v1/boundingbox/c/e/img/0/5/"), 400, 2003, "The channel in request"
        + " has type image. Can only perform bounding box operations on annotation channels");
    Answer filtered = get("/v1/cutout/c/e/seg/0/0:600/0:40/0:20/?filter=3");
    byte[] only3 = Blosc.DEFAULT.decode(filtered.body(), (int) v.voxels() * 8);
    Volume expected = Volume.allocate(DataType.UINT64, 600, 40, 20);
    expected.setLong(7, 8, 18, 3);
    assertArrayEquals(expected.array(), only3);
  }

  @Test
  void metadataAnswersAsTheService() throws Exception {
    project();
    String meta = "/v1/meta/c/e/img/";
    Answer created = send("POST", meta + "?key=k&value=v%201", "Token " + TOKEN, Map.of(), null);
    assertEquals(201, created.status());
    assertEquals(0, created.body().length);
    assertBossError(send("POST", meta + "?key=k&value=w", "Token " + TOKEN, Map.of(), null), 400,
        1003, "Invalid request. The key k already exists");
    assertEquals("{\"key\":\"k\",\"value\":\"v 1\"}", get(meta + "?key=k").text());
    assertEquals("{\"keys\":[\"k\"]}", get(meta).text());
    assertEquals(200, send("PUT", meta + "?key=k&value=2", "Token " + TOKEN, Map.of(), null)
        .status());
    assertEquals("{\"key\":\"k\",\"value\":\"2\"}", get(meta + "?key=k").text());
    assertBossError(send("PUT", meta + "?key=z&value=2", "Token " + TOKEN, Map.of(), null), 400,
        1003, "Invalid request. The key z does not exists");
    assertBossError(send("POST", meta + "?key=z", "Token " + TOKEN, Map.of(), null), 400, 1003,
        "Missing optional argument key/value in the request");
    assertBossError(get(meta + "?key=z"), 400, 1003,
        "Invalid request. Key z Not found in the database");
    assertEquals(204, send("DELETE", meta + "?key=k", "Token " + TOKEN, Map.of(), null)
        .status());
    assertBossError(send("DELETE", meta + "?key=k", "Token " + TOKEN, Map.of(), null), 400,
        1003, "[ERROR]- Key k not found ");
    assertEquals(201, send("POST", "/v1/meta/c/?key=a&value=b", "Token " + TOKEN, Map.of(), null)
        .status());
    assertEquals("{\"keys\":[\"a\"]}", get("/v1/meta/c").text());
    assertBossError(get("/v1/meta/c/nope/"), 404, 4000, "Experiment nope not found");
  }

  /** Posts of disjoint boxes that share cuboids, sent at once, all land. */
  @Test
  void concurrentPostsOfDisjointBoxesAllLand() throws Exception {
    project();
    Volume v = TestVolumes.random(DataType.UINT16, 600, 300, 8, 5);
    // Keep every voxel non-zero so the merge rule does not hide a lost write.
    for (int z = 0; z < 8; z++) {
      for (int y = 0; y < 300; y++) {
        for (int x = 0; x < 600; x++) {
          if (v.getLong(x, y, z) == 0) {
            v.setLong(x, y, z, 1);
          }
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> posts = new ArrayList<>();
      for (int z = 0; z < 8; z++) {
        for (int y = 0; y < 300; y += 75) {
          int zz = z;
          int yy = y;
          posts.add(pool.submit(() -> postBlosc("/v1/cutout/c/e/img/0/0:600/" + yy + ":"
              + (yy + 75) + "/" + zz + ":" + (zz + 1) + "/", Blosc.DEFAULT.encode(
              v.view(0, yy, zz, 600, 75, 1).array(), 2)).status()));
        }
      }
      for (Future<Integer> p : posts) {
        assertEquals(201, p.get());
      }
    } finally {
      pool.shutdownNow();
    }
    Answer all = get("/v1/cutout/c/e/img/0/0:600/0:300/0:8/");
    assertArrayEquals(v.array(), Blosc.DEFAULT.decode(all.body(), (int) v.voxels() * 2));
  }

  @Test
  void aRestartedServerKeepsResourcesVoxelsMetadataAndReservations() throws Exception {
    project();
    Volume v = TestVolumes.random(DataType.UINT16, 30, 20, 4, 8);
    assertEquals(201, postBlosc("/v1/cutout/c/e/img/0/0:30/0:20/0:4/",
        Blosc.DEFAULT.encode(v.array(), 2)).status());
    send("POST", "/v1/meta/c/e/img/?key=k&value=v", "Token " + TOKEN, Map.of(), null);
    get("/v1/reserve/c/e/seg/10/");
    server.close();
    server = BossServer.start(dir, 0, Optional.of(Secret.of(TOKEN)), FaultInjection.NONE);
    assertEquals("{\"channels\":[\"img\",\"seg\"]}",
        get("/v1/collection/c/experiment/e/channel/").text());
    assertArrayEquals(v.array(), Blosc.DEFAULT.decode(get(
        "/v1/cutout/c/e/img/0/0:30/0:20/0:4/").body(), (int) v.voxels() * 2));
    assertEquals("{\"key\":\"k\",\"value\":\"v\"}", get("/v1/meta/c/e/img/?key=k").text());
    assertEquals("{\"start_id\":11,\"count\":\"1\"}", get("/v1/reserve/c/e/seg/1/").text());
  }
}
