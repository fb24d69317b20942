package org.ndio.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.Remote;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.http.Secret;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * A bounded load test of each {@code ndio serve} server through its client on loopback: many
 * cutouts of random boxes, {@code ndio.load.concurrency} (32) at a time, every answer compared
 * voxel for voxel with the volume uploaded, and the heap (server and client share this JVM)
 * measured after a full GC before and after: it must not grow with the number of requests.
 * Latency percentiles go to standard error and {@code target/load-REMOTE.txt}. The default
 * {@code ndio.load.requests} (200 per server) keeps the suite quick; {@code
 * -Dndio.load.requests=2000} is the full run.
 */
class ServerLoadTest {

  private static final int REQUESTS = Integer.getInteger("ndio.load.requests", 200);
  private static final int CONCURRENCY = Integer.getInteger("ndio.load.concurrency", 32);
  private static final long HEAP_BOUND = 64L << 20;
  private static final Secret TOKEN = Secret.of("load-t0ken-8a1f");

  @TempDir
  Path dir;

  private Path profiles(String remote, int port) throws Exception {
    Path p = dir.resolve(remote + ".yaml");
    // The client's own pool must not be the bottleneck: as many connections as callers.
    Files.writeString(p, "profiles:\n  load:\n    remote: " + remote + "\n    host: 127.0.0.1\n"
        + "    port: " + port + "\n    token_env: NDIO_LOAD_TOKEN_UNSET\n    concurrency: "
        + CONCURRENCY + "\n");
    return p;
  }

  @Test
  void boss() throws Exception {
    try (EmbeddedServer s = BossServer.start(dir.resolve("boss"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      load("boss", "boss+http://127.0.0.1:" + s.port() + "/lab/em/raw?profiles="
          + profiles("boss", s.port()), DataType.UINT16);
    }
  }

  @Test
  void dvid() throws Exception {
    try (EmbeddedServer s = DvidServer.start(dir.resolve("dvid"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      String repo;
      try (DvidClient c = new DvidClient(URI.create(s.address()), Optional.empty(),
          DvidOptions.DEFAULT)) {
        repo = c.createRepo("load", "load test");
      }
      load("dvid", "dvid+http://127.0.0.1:" + s.port() + "/" + repo + "/grey?profiles="
          + profiles("dvid", s.port()), DataType.UINT8);
    }
  }

  @Test
  void neurodata() throws Exception {
    try (EmbeddedServer s = NeuroDataServer.start(dir.resolve("nd"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      load("neurodata", "neurodata+http://127.0.0.1:" + s.port() + "/load/image?profiles="
          + profiles("neurodata", s.port()), DataType.UINT8);
    }
  }

  private void load(String name, String url, DataType type) throws Exception {
    Volume v = TestVolumes.random(type, 256, 256, 32, 17);
    try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(type, new Size3(256, 256, 32)),
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
    SplittableRandom random = new SplittableRandom(23);
    List<BoundingBox> boxes = new ArrayList<>();
    for (int i = 0; i < REQUESTS + CONCURRENCY; i++) {
      boxes.add(box(random));
    }
    ExecutorService callers = Executors.newFixedThreadPool(CONCURRENCY);
    try (Remote remote = (Remote) Volumes.open(url)) {
      // Warm up (class loading, JIT, connections) before the heap is measured.
      run(callers, remote, v, boxes.subList(0, CONCURRENCY));
      long before = usedHeap();
      long start = System.nanoTime();
      long[] nanos = run(callers, remote, v, boxes.subList(CONCURRENCY, boxes.size()));
      double seconds = (System.nanoTime() - start) / 1e9;
      long after = usedHeap();
      Arrays.sort(nanos);
      String report = String.format("%s: %d cutouts of random boxes up to 64x64x8, %d at a"
          + " time, in %.1f s (%.0f/s); latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
          + " max %.1f ms; heap used after full GC %d MiB before, %d MiB after (%+d KiB)%n",
          name, nanos.length, CONCURRENCY, seconds, nanos.length / seconds,
          pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6,
          before >> 20, after >> 20, (after - before) >> 10);
      System.err.print(report);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "load-" + name + ".txt"), report);
      assertEquals(REQUESTS, nanos.length);
      assertTrue(after - before < HEAP_BOUND, report);
    } finally {
      callers.shutdownNow();
    }
  }

  private static BoundingBox box(SplittableRandom r) {
    int sx = 1 + r.nextInt(64);
    int sy = 1 + r.nextInt(64);
    int sz = 1 + r.nextInt(8);
    int x = r.nextInt(256 - sx + 1);
    int y = r.nextInt(256 - sy + 1);
    int z = r.nextInt(32 - sz + 1);
    return BoundingBox.at(x, y, z, sx, sy, sz);
  }

  /** Each box's cutout, checked against {@code truth}; the latencies in nanoseconds. */
  private static long[] run(ExecutorService callers, Remote remote, Volume truth,
      List<BoundingBox> boxes) throws Exception {
    List<Future<Long>> done = new ArrayList<>();
    for (BoundingBox b : boxes) {
      done.add(callers.submit(() -> {
        long t = System.nanoTime();
        Volume got = remote.getCutout(b);
        long took = System.nanoTime() - t;
        if (!got.equals(truth.view(b))) {
          throw new AssertionError("wrong voxels for " + b);
        }
        return took;
      }));
    }
    long[] out = new long[done.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = done.get(i).get();
    }
    return out;
  }

  private static double pct(long[] sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
