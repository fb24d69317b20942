package org.ndio.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;

/**
 * The {@code ndio serve} servers keep every resource under their root: collection, experiment
 * and channel names (BOSS), repo UUIDs, instance names and keys (DVID), project, token,
 * dataset and channel names (NeuroData) that spell {@code ..} or a path, raw or percent-encoded,
 * are answered with a 4xx, and nothing appears outside the root.
 */
class ServerResourceNamesTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CLIMBS = List.of("..%2F..%2Fevil", "..%2fevil", "%2E%2E",
      "..%5C..%5Cevil", "%2Fetc%2Fpasswd");

  @TempDir
  Path dir;

  private static HttpResponse<String> send(String method, String url, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization",
        "Token t0k");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void refused(HttpResponse<String> r) {
    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500,
        r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
  }

  /** Nothing exists in {@code dir} but {@code root}, and no resource inside is called evil. */
  private void nothingOutside(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> stray = s.filter(p -> !p.startsWith(root) && !p.equals(dir)).toList();
      assertEquals(List.of(), stray);
    }
    try (Stream<Path> s = Files.walk(root)) {
      // A name resolved as a path would leave a file or directory called evil (keys stored
      // under percent-encoded names contain the word, but are one opaque file name).
      assertFalse(s.anyMatch(p -> p.getFileName().toString().equals("evil")
          || p.getFileName().toString().startsWith("evil.")));
    }
  }

  @Test
  void boss() throws Exception {
    Path root = dir.resolve("boss");
    try (EmbeddedServer s = BossServer.start(root, 0, Optional.empty(), FaultInjection.NONE)) {
      String base = s.address() + "/v1/";
      for (String name : CLIMBS) {
        refused(send("POST", base + "collection/" + name + "/", "{\"description\": \"x\"}"));
        refused(send("GET", base + "collection/" + name + "/", null));
        refused(send("GET", base + "cutout/" + name + "/e/c/0/0:1/0:1/0:1/", null));
        refused(send("POST", base + "meta/" + name + "/?key=k&value=v", null));
      }
      nothingOutside(root);
    }
  }

  @Test
  void dvid() throws Exception {
    Path root = dir.resolve("dvid");
    try (EmbeddedServer s = DvidServer.start(root, 0, Optional.empty(), FaultInjection.NONE)) {
      String api = s.address() + "/api/";
      String uuid = JSON.readTree(send("POST", api + "repos", "{\"alias\": \"r\"}").body())
          .path("root").asText();
      assertFalse(uuid.isEmpty());
      for (String name : List.of("../../evil", "/etc/evil", "..\\\\evil")) {
        HttpResponse<String> r = send("POST", api + "repo/" + uuid + "/instance",
            "{\"typename\": \"keyvalue\", \"dataname\": \"" + name + "\"}");
        if (r.statusCode() == 200) {
          // Accepted as an opaque name: it must not become a path.
          nothingOutside(root);
        } else {
          refused(r);
        }
      }
      assertEquals(200, send("POST", api + "repo/" + uuid + "/instance",
          "{\"typename\": \"keyvalue\", \"dataname\": \"kv\"}").statusCode());
      for (String name : CLIMBS) {
        refused(send("GET", api + "node/" + name + "/kv/info", null));
        refused(send("GET", api + "node/" + uuid + "/" + name + "/info", null));
        refused(send("GET", api + "repo/" + name + "/info", null));
        // Keys are data, stored under encoded names: a climbing key stays inside.
        assertEquals(200, send("POST", api + "node/" + uuid + "/kv/key/" + name, "v")
            .statusCode());
      }
      nothingOutside(root);
    }
  }

  @Test
  void neuroData() throws Exception {
    Path root = dir.resolve("nd");
    try (EmbeddedServer s = NeuroDataServer.start(root, 0, Optional.empty(),
        FaultInjection.NONE)) {
      String sd = s.address() + "/nd/sd/";
      for (String name : CLIMBS) {
        refused(send("GET", sd + name + "/info/", null));
        refused(send("GET", sd + name + "/img/npz/0/0,1/0,1/0,1/", null));
        refused(send("GET", sd + "tok/" + name + "/npz/0/0,1/0,1/0,1/", null));
      }
      for (String field : List.of("project_name", "token_name", "dataset_name",
          "channel_name")) {
        for (String name : List.of("../../evil", "/tmp/evil", "..")) {
          String doc = ingest("ok", "img").replace("\"" + field + "\": \"" + (field.equals(
              "channel_name") ? "img" : "ok") + "\"", "\"" + field + "\": \"" + name + "\"");
          assertTrue(doc.contains(name), doc);
          refused(send("POST", sd + "autoIngest/", doc));
        }
      }
      assertEquals(200, send("POST", sd + "autoIngest/", ingest("ok", "img")).statusCode());
      nothingOutside(root);
    }
  }

  private static String ingest(String token, String channel) {
    return "{\"dataset\": {\"dataset_name\": \"" + token + "\", \"imagesize\": [64, 64, 8],"
        + " \"offset\": [0, 0, 0], \"voxelres\": [1.0, 1.0, 1.0], \"scalinglevels\": 0,"
        + " \"scaling\": 0}, \"project\": {\"project_name\": \"" + token + "\", \"token_name\": \""
        + token + "\"}, \"channels\": {\"" + channel + "\": {\"channel_name\": \"" + channel
        + "\", \"datatype\": \"uint8\", \"channel_type\": \"image\", \"data_url\": \"\","
        + " \"file_format\": \"SLICE\", \"file_type\": \"tif\"}}, \"metadata\": {}}";
  }
}
