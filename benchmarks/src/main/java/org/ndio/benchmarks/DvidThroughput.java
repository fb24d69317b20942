package org.ndio.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.dvid.DvidRemote;
import org.ndio.remote.dvid.DvidType;
import org.ndio.remote.dvid.DvidUrl;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.storage.LocalStorage;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * How fast a large cutout comes through {@link DvidRemote} from ndio's DVID server on loopback,
 * against a plain GET of as many bytes from the same server ({@code /ndio-test/bytes/N}): a
 * 256 MiB uint8blk volume (1024 x 1024 x 256) and a 256 MiB labelmap volume (512 x 512 x 128
 * uint64, sent LZ4-compressed), each read whole, best of 3 after a warm-up. Arguments {@code
 * gray} or {@code seg} run one of the two.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package -pl jobs,benchmarks -am && java -cp
 * "benchmarks/target/classes:jobs/target/classes:$(cat jobs/target/launcher.classpath)"
 * -Xmx4g org.ndio.benchmarks.DvidThroughput}
 */
public final class DvidThroughput {

  private static final int TRIES = 3;

  private DvidThroughput() {}

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("ndio-dvid-throughput");
    try (EmbeddedServer server = DvidServer.start(root, 0, Optional.empty(),
        FaultInjection.NONE)) {
      String uuid;
      try (DvidClient c = new DvidClient(URI.create(server.address()), Optional.empty(),
          DvidOptions.DEFAULT)) {
        uuid = c.createRepo("throughput", "ndio DVID throughput harness");
        c.createInstance(uuid, DvidType.UINT8BLK, "gray", Map.of());
        c.createInstance(uuid, DvidType.LABELMAP, "seg", Map.of());
      }
      System.out.printf("DVID throughput on loopback (%d cores), best of %d after a warm-up%n",
          Runtime.getRuntime().availableProcessors(), TRIES);
      java.util.List<String> which = args.length == 0 ? java.util.List.of("gray", "seg")
          : java.util.List.of(args);
      if (which.contains("gray")) {
        measure(server, uuid, "gray", DataType.UINT8, BoundingBox.ofShape(1024, 1024, 256));
      }
      if (which.contains("seg")) {
        measure(server, uuid, "seg", DataType.UINT64, BoundingBox.ofShape(512, 512, 128));
      }
    } finally {
      LocalStorage.deleteTree(root);
    }
  }

  private static void measure(EmbeddedServer server, String uuid, String name, DataType t,
      BoundingBox box) throws Exception {
    DvidUrl url = DvidUrl.parse("dvid+http://127.0.0.1:" + server.port() + "/" + uuid + "/"
        + name);
    try (DvidRemote remote = DvidRemote.open(url, Optional.empty(), DvidOptions.DEFAULT)) {
      Volume v = volume(t, box);
      long upStart = System.nanoTime();
      remote.postCutout(0, 0, 0, 0, v);
      double upSeconds = (System.nanoTime() - upStart) / 1e9;
      long bytes = (long) box.voxels() * t.bytes();
      remote.refresh();
      Volume back = remote.getCutout(box);
      if (!back.equals(v)) {
        throw new IllegalStateException(name + ": the cutout differs from what was posted");
      }
      back = null;
      double remoteBest = Double.MAX_VALUE;
      for (int i = 0; i < TRIES; i++) {
        long s = System.nanoTime();
        remote.getCutout(box);
        remoteBest = Math.min(remoteBest, (System.nanoTime() - s) / 1e9);
      }
      double plainBest = plain(server, bytes);
      double mb = bytes / 1e6;
      System.out.printf("%-5s %s %s (%.0f MB): upload %.0f MB/s; cutout %.0f MB/s, plain GET"
          + " %.0f MB/s, ratio %.2f%n", name, t.numpyName(), box, mb, mb / upSeconds,
          mb / remoteBest, mb / plainBest, plainBest / remoteBest);
    }
  }

  /** Seeded voxels: uint8 like noisy EM, uint64 labels in runs of 1-64 voxels. */
  private static Volume volume(DataType t, BoundingBox box) {
    Volume v = Volume.allocate(t, box);
    SplittableRandom r = new SplittableRandom(7);
    byte[] a = v.array();
    if (t == DataType.UINT8) {
      r.nextBytes(a);
      return v;
    }
    long label = 1;
    int left = 0;
    for (int i = 0; i < a.length; i += 8) {
      if (left-- <= 0) {
        label = 1 + r.nextInt(5000);
        left = r.nextInt(64);
      }
      for (int b = 0; b < 8; b++) {
        a[i + b] = (byte) (label >>> (8 * b));
      }
    }
    return v;
  }

  /** Best time of a plain GET of {@code bytes} bytes from the server's byte endpoint. */
  private static double plain(EmbeddedServer server, long bytes) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(server.address() + "/ndio-test/bytes/"
        + bytes)).build();
    http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    double best = Double.MAX_VALUE;
    for (int i = 0; i < TRIES; i++) {
      long s = System.nanoTime();
      byte[] body = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
      best = Math.min(best, (System.nanoTime() - s) / 1e9);
      if (body.length != bytes) {
        throw new IllegalStateException("plain GET gave " + body.length + " bytes");
      }
    }
    return best;
  }
}
