package org.ndio.benchmarks.run;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * {@code RemoteFetchRun OUT.jsonl REPS NAME URL SERVICES}: posts the uint8 volume at URL to
 * each embedded server of the comma list SERVICES (dvid, boss, neurodata), reads it back whole
 * through ndio's client, and times against it the physical limit on loopback: plain GETs of
 * as many bytes from the same server's {@code /ndio-test/bytes/N}, split into the client's
 * request size with the client's concurrency. The first fetch is checked voxel for voxel.
 */
public final class RemoteFetchRun {

  private RemoteFetchRun() {}

  public static void main(String[] args) throws Exception {
    Results out = new Results(Path.of(args[0]));
    int reps = Integer.parseInt(args[1]);
    String name = args[2];
    Volume v;
    try (VolumeReader r = Volumes.open(args[3])) {
      v = r.readAll();
    }
    BoundingBox all = BoundingBox.ofShape(v.sizeX(), v.sizeY(), v.sizeZ());
    long bytes = v.voxels();
    for (String service : args[4].split(",")) {
      Path root = Files.createTempDirectory("ndio-bench-" + service);
      try (ServedVolume s = ServedVolume.start(service, root, v)) {
        if (!s.remote().getCutout(all).equals(v)) {
          throw new IllegalStateException(service + ": the cutout differs from what was posted");
        }
        double ours = Best.seconds(reps, () -> s.remote().getCutout(all));
        Map<String, Object> how = Map.of("request_bytes", s.requestBytes(),
            "concurrency", s.concurrency());
        out.add("remote", name, "ours-" + service, "fetch", ours, bytes, bytes, how);
        double plain = Best.seconds(reps, () -> plainGets(s, bytes));
        out.add("remote", name, "limit-http-" + service, "fetch", plain, bytes, bytes, how);
      } finally {
        LocalStorage.deleteTree(root);
      }
    }
  }

  /** The bytes in requests of the client's size, as many in flight as the client has. */
  private static long plainGets(ServedVolume s, long bytes) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(s.concurrency());
    try {
      List<Future<Integer>> parts = new ArrayList<>();
      for (long at = 0; at < bytes; at += s.requestBytes()) {
        long n = Math.min(s.requestBytes(), bytes - at);
        HttpRequest get = HttpRequest.newBuilder(URI.create(s.server().address()
            + "/ndio-test/bytes/" + n)).build();
        parts.add(pool.submit(() -> http.send(get, HttpResponse.BodyHandlers.ofByteArray())
            .body().length));
      }
      long got = 0;
      for (Future<Integer> f : parts) {
        got += f.get();
      }
      if (got != bytes) {
        throw new IllegalStateException("plain GETs gave " + got + " of " + bytes + " bytes");
      }
      return got;
    } finally {
      pool.shutdown();
    }
  }
}
