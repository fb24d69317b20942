package org.ndio.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ndio.codec.Blosc;
import org.ndio.codec.BloscCompressor;
import org.ndio.codec.BloscShuffle;
import org.ndio.remote.boss.BossChannel;
import org.ndio.remote.boss.BossCollection;
import org.ndio.remote.boss.BossCoordFrame;
import org.ndio.remote.boss.BossExperiment;
import org.ndio.remote.boss.BossOptions;
import org.ndio.remote.boss.BossProject;
import org.ndio.remote.boss.BossRemote;
import org.ndio.remote.boss.BossUrl;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * Cutout throughput of the BOSS remote against its own server on loopback: a 1024 x 1024 x 256
 * uint8 channel (256 MiB; the shared ssTEM sections repeated where present, else textured
 * noise), fetched whole through {@link BossRemote} (best of 3 after a warm-up), against a plain
 * GET of as many bytes from {@code /ndio-test/bytes/N} of the same server. Run twice: with the
 * service's own response compression (blosclz level 9, byte shuffle, typesize in bits) and
 * with lz4 level 1.
 *
 * <pre>
 * mvn -B -q -DskipTests package -pl jobs,benchmarks -am
 * java -cp "benchmarks/target/classes:jobs/target/classes:$(cat jobs/target/launcher.classpath)" \
 *   -Xmx4g org.ndio.benchmarks.BossThroughput
 * </pre>
 */
public final class BossThroughput {

  private static final int SX = 1024;
  private static final int SY = 1024;
  private static final int SZ = 256;

  private BossThroughput() {}

  public static void main(String[] args) throws Exception {
    Volume v = volume();
    long bytes = v.voxels();
    System.out.printf("volume %dx%dx%d uint8, %d MiB%n", SX, SY, SZ, bytes >> 20);
    run("service compression (blosclz:9:byte)", v, BossServerConfig.DEFAULT);
    run("lz4:1 responses", v, BossServerConfig.DEFAULT.withResponseCodec(
        new Blosc(BloscCompressor.LZ4, 1, BloscShuffle.BYTE, 0)));
  }

  private static void run(String label, Volume v, BossServerConfig config) throws Exception {
    Path root = Files.createTempDirectory("ndio-boss-throughput");
    try (EmbeddedServer server = BossServer.start(root, 0, Optional.empty(), FaultInjection.NONE,
        config)) {
      String host = "boss+http://127.0.0.1:" + server.port();
      BoundingBox all = BoundingBox.ofShape(SX, SY, SZ);
      try (BossProject p = BossProject.connect(host, Optional.empty(), BossOptions.DEFAULT)) {
        p.createCollection(BossCollection.of("bench", ""));
        p.createCoordinateFrame(BossCoordFrame.of("bench", all,
            new VoxelSize(4, 4, 40, "nanometer")));
        p.createExperiment(BossExperiment.of("em", "bench", "bench", 1, "anisotropic"));
        p.createChannel("bench", "em", BossChannel.of("raw", "image", "uint8"));
      }
      BossUrl url = BossUrl.parse(host + "/bench/em/raw");
      try (BossRemote r = BossRemote.open(url, Optional.empty(), BossOptions.DEFAULT)) {
        long t0 = System.nanoTime();
        r.postCutout(0, 0, 0, 0, v);
        double upload = mbps(v.voxels(), System.nanoTime() - t0);
        Volume warm = r.getCutout(all);
        if (!warm.equals(v)) {
          throw new IllegalStateException("the cutout differs from what was posted");
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          long s = System.nanoTime();
          r.getCutout(all);
          best = Math.min(best, System.nanoTime() - s);
        }
        double remote = mbps(v.voxels(), best);
        double plain = plain(server, v.voxels());
        System.out.printf("%s: upload %.0f MB/s; cutout GET %.0f MB/s, plain GET %.0f MB/s,"
            + " ratio %.2f%n", label, upload, remote, plain, remote / plain);
      }
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Best of 3 (after a warm-up) plain GETs of {@code n} bytes. */
  private static double plain(EmbeddedServer server, long n) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create(server.address() + "/ndio-test/bytes/"
        + n)).build();
    http.send(get, HttpResponse.BodyHandlers.ofByteArray());
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long s = System.nanoTime();
      byte[] body = http.send(get, HttpResponse.BodyHandlers.ofByteArray()).body();
      best = Math.min(best, System.nanoTime() - s);
      if (body.length != n) {
        throw new IllegalStateException("short plain body: " + body.length);
      }
    }
    return mbps(n, best);
  }

  private static double mbps(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  /** The ssTEM sections repeated in z where the shared data is present, else textured noise. */
  private static Volume volume() throws Exception {
    Volume v = Volume.allocate(DataType.UINT8, SX, SY, SZ);
    Path stack = Path.of("../shared/data/drosophila-vnc/stack1/raw");
    if (Files.isDirectory(stack)) {
      Volume sections;
      try (VolumeReader r = Volumes.open("tiff:" + stack)) {
        sections = r.readAll();
      }
      for (int z = 0; z < SZ; z++) {
        v.copyFrom(sections.view(0, 0, z % sections.sizeZ(), SX, SY, 1), 0, 0, z);
      }
      return v;
    }
    SplittableRandom random = new SplittableRandom(1);
    byte[] a = v.array();
    for (int i = 0; i < a.length; i++) {
      int x = i % SX;
      int y = (i / SX) % SY;
      a[i] = (byte) (128 + 60 * Math.sin(x / 17.0) * Math.cos(y / 23.0) + random.nextInt(24));
    }
    return v;
  }
}
