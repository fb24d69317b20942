package org.ndio.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.boss.BossFixture;
import org.ndio.remote.boss.BossOptions;
import org.ndio.remote.boss.BossRemote;
import org.ndio.remote.boss.BossUrl;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.dvid.DvidRemote;
import org.ndio.remote.dvid.DvidUrl;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.neurodata.NeuroDataOptions;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.remote.neurodata.NeuroDataUrl;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;

/**
 * The JSON answers the remote clients parse (BOSS collection, experiment, coordinate frame and
 * channel; DVID server, repo and instance info; NeuroData project info), damaged between a
 * real test server and the client: opening the channel and reading a corner must give a
 * typed error or a volume of the declared shape.
 */
class RemoteJsonFuzzTest {

  private static final int CASES = 30;
  private static final RetryPolicy ONCE = new RetryPolicy(2, Duration.ofMillis(1),
      Duration.ofMillis(1));

  @TempDir
  Path dir;

  @Test
  void boss() throws Exception {
    try (BossFixture f = BossFixture.start(dir.resolve("boss"), Optional.empty())) {
      f.channel("c", "e", "ch", DataType.UINT16, BoundingBox.ofShape(40, 30, 6), 2,
          "isotropic");
      BossOptions opts = BossFixture.FAST.withRetry(ONCE);
      fuzz("boss-json", f.server.address(), 400, proxy -> {
        try (BossRemote r = BossRemote.open(BossUrl.parse("boss+http://127.0.0.1:"
            + proxy.port() + "/c/e/ch"), Optional.empty(), opts)) {
          Reads.check(r);
        }
        return null;
      });
    }
  }

  @Test
  void dvid() throws Exception {
    try (EmbeddedServer s = DvidServer.start(dir.resolve("dvid"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      String uuid = new ObjectMapper().readTree(post(s.address() + "/api/repos",
          "{\"alias\": \"r\"}")).path("root").asText();
      post(s.address() + "/api/repo/" + uuid + "/instance",
          "{\"typename\": \"uint8blk\", \"dataname\": \"grey\"}");
      post(s.address() + "/api/repo/" + uuid + "/instance",
          "{\"typename\": \"labelmap\", \"dataname\": \"seg\"}");
      DvidOptions opts = DvidOptions.DEFAULT.withRetry(ONCE);
      for (String instance : new String[] {"grey", "seg"}) {
        try (DvidRemote w = DvidRemote.open(DvidUrl.parse("dvid://127.0.0.1:" + s.port() + "/"
            + uuid + "/" + instance), Optional.empty(), opts)) {
          DataType t = instance.equals("grey") ? DataType.UINT8 : DataType.UINT64;
          w.postCutout(0, 0, 0, 0, TestVolumes.random(t, 40, 30, 6, 1));
        }
        fuzz("dvid-json-" + instance, s.address(), 410 + instance.length(), proxy -> {
          try (DvidRemote r = DvidRemote.open(DvidUrl.parse("dvid://127.0.0.1:" + proxy.port()
              + "/" + uuid + "/" + instance), Optional.empty(), opts)) {
            Reads.check(r);
          }
          return null;
        });
      }
    }
  }

  @Test
  void neuroData() throws Exception {
    try (EmbeddedServer s = NeuroDataServer.start(dir.resolve("nd"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      post(s.address() + "/nd/sd/autoIngest/", "{\"dataset\": {\"dataset_name\": \"d\","
          + " \"imagesize\": [40, 30, 6], \"offset\": [0, 0, 0], \"voxelres\": [4.0, 4.0, 40.0],"
          + " \"scalinglevels\": 1, \"scaling\": 0}, \"project\": {\"project_name\": \"p\","
          + " \"token_name\": \"p\"}, \"channels\": {\"img\": {\"channel_name\": \"img\","
          + " \"datatype\": \"uint16\", \"channel_type\": \"image\", \"data_url\": \"\","
          + " \"file_format\": \"SLICE\", \"file_type\": \"tif\"}}, \"metadata\": {}}");
      NeuroDataOptions opts = NeuroDataOptions.DEFAULT.withRetry(ONCE);
      fuzz("neurodata-json", s.address(), 420, proxy -> {
        try (NeuroDataRemote r = new NeuroDataRemote(NeuroDataUrl.parse(
            NeuroDataUrl.HTTP_SCHEME + "://127.0.0.1:" + proxy.port() + "/p/img"),
            Optional.empty(), opts)) {
          Reads.check(r);
        }
        return null;
      });
    }
  }

  private static void fuzz(String name, String upstream, long seed,
      Function<EmbeddedServer, Void> openAndRead) throws Exception {
    JsonMutatingProxy proxy = new JsonMutatingProxy(upstream);
    try (EmbeddedServer p = EmbeddedServer.start(proxy, 0, FaultInjection.NONE);
        FuzzRunner f = new FuzzRunner(name)) {
      openAndRead.apply(p); // the undamaged answers are read without error
      for (int i = 0; i < CASES; i++) {
        long s = seed * 1000 + i;
        proxy.damageWith(s);
        f.check(name + " #" + i + " (seed " + s + ")", () -> openAndRead.apply(p));
      }
      proxy.damageWith(null);
      assertTrue(proxy.damaged() >= CASES, proxy.damaged() + " answers damaged");
      f.assertClean();
    }
  }

  private static String post(String url, String json) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }
}
