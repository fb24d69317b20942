package org.ndio.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.ndio.remote.http.Secret;
import org.ndio.remote.neurodata.NeuroDataOptions;
import org.ndio.remote.neurodata.NeuroDataRemote;
import org.ndio.remote.neurodata.NeuroDataUrl;
import org.ndio.remote.neurodata.WireFormat;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Throughput of a large NeuroData cutout on loopback: the server holds a 1024 x 1024 x 256
 * uint8 channel (256 MiB; the shared ssTEM sections repeated where present, else noise), the
 * client reads it whole through {@link NeuroDataRemote} in each wire format (best of 3 after a
 * warm-up), against a plain GET of as many bytes from the same server's {@code
 * /ndio-test/bytes/N}. Prints MB/s and the ratio.
 */
public final class NeuroDataThroughput {

  private static final int SX = 1024;
  private static final int SY = 1024;
  private static final int SZ = 256;

  private NeuroDataThroughput() {}

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("ndio-neurodata-bench");
    Secret key = Secret.of("bench-key");
    try (EmbeddedServer server = NeuroDataServer.start(root, 0, Optional.of(key),
        FaultInjection.NONE)) {
      String json = "{\"dataset\": {\"dataset_name\": \"bench\", \"imagesize\": [" + SX + ", "
          + SY + ", " + SZ + "], \"voxelres\": [4.0, 4.0, 40.0], \"scalinglevels\": 0},"
          + " \"project\": {\"project_name\": \"bench\"}, \"channels\": {\"em\": {"
          + "\"channel_name\": \"em\", \"datatype\": \"uint8\", \"channel_type\": \"image\","
          + " \"data_url\": \"\", \"file_format\": \"SLICE\", \"file_type\": \"tif\"}},"
          + " \"metadata\": {}}";
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> made = client.send(HttpRequest.newBuilder(URI.create(
              server.address() + "/nd/sd/autoIngest/"))
          .header("Authorization", "Token " + key.reveal())
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (made.statusCode() != 200) {
        throw new IllegalStateException("autoIngest: " + made.body());
      }
      NeuroDataUrl url = NeuroDataUrl.parse("neurodata+http://127.0.0.1:" + server.port()
          + "/bench/em");
      Volume v = content();
      long bytes = v.voxels();
      try (NeuroDataRemote r = new NeuroDataRemote(url, Optional.of(key),
          NeuroDataOptions.DEFAULT)) {
        long t0 = System.nanoTime();
        r.postCutout(0, 0, 0, v);
        System.out.printf("upload (npz): %.1f MB/s%n", bytes / 1e6 / seconds(t0));
      }
      BoundingBox all = BoundingBox.ofShape(SX, SY, SZ);
      double plain = best(() -> {
        HttpResponse<byte[]> b = client.send(HttpRequest.newBuilder(URI.create(
            server.address() + "/ndio-test/bytes/" + bytes)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (b.body().length != bytes) {
          throw new IllegalStateException("short plain body");
        }
      });
      System.out.printf("plain GET of %d bytes: %.1f MB/s%n", bytes, bytes / 1e6 / plain);
      for (WireFormat f : new WireFormat[] {WireFormat.NPZ, WireFormat.RAW}) {
        try (NeuroDataRemote r = new NeuroDataRemote(url, Optional.of(key),
            NeuroDataOptions.DEFAULT.withFormat(f))) {
          double s = best(() -> {
            Volume got = r.getCutout(all);
            if (got.voxels() != bytes) {
              throw new IllegalStateException("short cutout");
            }
          });
          System.out.printf("cutout %s via NeuroDataRemote: %.1f MB/s (%.2f of plain GET)%n",
              f.service(), bytes / 1e6 / s, plain / s);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The shared ssTEM sections repeated to 256, or noise around a smooth field. */
  private static Volume content() {
    Path stack = Path.of("..", "shared", "data", "drosophila-vnc", "stack1", "raw");
    if (!Files.isDirectory(stack)) {
      stack = Path.of("shared", "data", "drosophila-vnc", "stack1", "raw");
    }
    Volume v = Volume.allocate(DataType.UINT8, SX, SY, SZ);
    if (Files.isDirectory(stack)) {
      try (VolumeReader in = Volumes.open("tiff:" + stack.toAbsolutePath())) {
        Volume s = in.readAll();
        for (int z = 0; z < SZ; z++) {
          v.copyFrom(s.view(0, 0, z % s.sizeZ(), SX, SY, 1), 0, 0, z);
        }
        System.out.println("content: the shared ssTEM stack, repeated");
        return v;
      }
    }
    Random r = new Random(1);
    byte[] a = v.array();
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (128 + 40 * Math.sin(i % SX / 50.0) + r.nextGaussian() * 20);
    }
    System.out.println("content: synthetic noise (shared stack not found)");
    return v;
  }

  private interface Run {
    void run() throws Exception;
  }

  /** Seconds of the fastest of three runs after one warm-up. */
  private static double best(Run r) throws Exception {
    r.run();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      r.run();
      best = Math.min(best, seconds(t0));
    }
    return best;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
