package org.ndio.benchmarks.run;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.ndio.codec.Blosc;
import org.ndio.serve.Reply;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * {@code RemoteFetchRun OUT.jsonl REPS NAME URL SERVICES}: posts the uint8 volume at URL to
 * each embedded server of the comma list SERVICES (dvid, boss, neurodata, neurodata-raw: the
 * same server read through its uncompressed raw service) and reads it back whole through
 * ndio's client, against the physical limit of that fetch.
 *
 * <p>The limit is the transport of the bytes the service actually sends. The first fetch is
 * checked voxel for voxel and every answer body of it recorded ({@link ReplayHandler}); the
 * timed fetches are then answered from memory with exactly those bodies, so neither side pays
 * the server's own work (reading its store, compressing the body: the servers run in this
 * JVM on the same cores). Ours: our client fetching the replayed bodies (transport, our
 * decoding, assembly of the volume). Limit: plain GETs of the same bodies, one request per
 * body (so split as ours is), as many in flight as our client has, each body received whole
 * into memory. Both are reported as MB/s of voxels, so their ratio is the ratio of times.
 * Ours and the limit are timed alternately, {@code REPS} pairs after a warm-up pair, best of
 * each kept, and each pair's ratio too (for the spread on a shared machine). The fetch from
 * the live server (the server's work included) is timed too, for reference.
 *
 * <p>NeuroData's npz bodies are one zlib stream each, which no client can use without
 * inflating it: for it a second limit, "GETs + inflate", is the same plain GETs, as many in
 * flight, each body inflated as it is received (one {@link Inflater} and one output buffer
 * per thread, reused, the output as large as a whole body's data so that its bytes reach
 * memory as a volume's would), timed in the same pairs (ours, GETs, GETs + inflate). BOSS's
 * blosc bodies are checked for how many are stored whole (memcpyed): such a body needs no
 * decoding beyond moving its bytes, which the plain GETs already do.
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
    long bytes = v.voxels() * v.dtype().bytes();
    for (String service : args[4].split(",")) {
      Path root = Files.createTempDirectory("ndio-bench-" + service);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      try (ServedVolume s = ServedVolume.start(service, root, v)) {
        // One client and pool for all plain GETs, as ours keeps its own: no setup timed.
        ExecutorService pool = Executors.newFixedThreadPool(s.concurrency());
        s.replay().record();
        Volume first = s.remote().getCutout(all);
        s.replay().replay();
        if (!first.equals(v)) {
          throw new IllegalStateException(service + ": the cutout differs from what was posted");
        }
        first = null;
        List<Reply> bodies = s.replay().recorded();
        long wire = bodies.stream().mapToLong(b -> b.body().length).sum();
        Best.Work ours = () -> s.remote().getCutout(all);
        Best.Work limit = () -> plainGets(http, pool, s, bodies, wire);
        boolean npz = service.equals("neurodata");
        // each pool thread's inflater and buffers, reused from body to body as a client's are
        ThreadLocal<Inflating> buffers = ThreadLocal.withInitial(Inflating::new);
        Best.Work inflating = npz
            ? () -> getsAndInflate(http, pool, s, bodies, bytes, buffers) : null;
        ours.run();
        limit.run();
        if (npz) {
          inflating.run();
        }
        double bestOurs = Double.MAX_VALUE;
        double bestLimit = Double.MAX_VALUE;
        double bestInflating = Double.MAX_VALUE;
        List<Double> ratios = new ArrayList<>();
        List<Double> inflatingRatios = new ArrayList<>();
        // CPU seconds of the whole process (client, server, GC) per run, least of each: on a
        // shared machine they say what a run costs better than the wall time does
        double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int i = 0; i < Math.max(1, reps); i++) {
          long c0 = processCpu();
          double a = time(ours);
          long c1 = processCpu();
          double b = time(limit);
          long c2 = processCpu();
          cpu[0] = Math.min(cpu[0], (c1 - c0) / 1e9);
          cpu[1] = Math.min(cpu[1], (c2 - c1) / 1e9);
          bestOurs = Math.min(bestOurs, a);
          bestLimit = Math.min(bestLimit, b);
          ratios.add(Math.round(b / a * 1000) / 1000.0);
          if (npz) {
            double c = time(inflating);
            cpu[2] = Math.min(cpu[2], (processCpu() - c2) / 1e9);
            bestInflating = Math.min(bestInflating, c);
            inflatingRatios.add(Math.round(c / a * 1000) / 1000.0);
          }
        }
        Map<String, Object> how = new LinkedHashMap<>();
        how.put("request_bytes", s.requestBytes());
        how.put("concurrency", s.concurrency());
        how.put("requests", bodies.size());
        how.put("wire_bytes", wire);
        how.put("pair_ratios", ratios);
        how.put("ours_cpu_s", Math.round(cpu[0] * 1000) / 1000.0);
        how.put("limit_cpu_s", Math.round(cpu[1] * 1000) / 1000.0);
        if (npz) {
          how.put("inflate_pair_ratios", inflatingRatios);
          how.put("inflate_cpu_s", Math.round(cpu[2] * 1000) / 1000.0);
        }
        if (service.equals("boss")) {
          how.put("memcpyed_bodies", bodies.stream()
              .filter(b -> Blosc.frameInfo(b.body()).memcpyed()).count());
        }
        out.add("remote", name, "ours-" + service, "fetch", bestOurs, v.voxels(), bytes, how);
        out.add("remote", name, "limit-http-" + service, "fetch", bestLimit, v.voxels(), bytes,
            how);
        if (npz) {
          out.add("remote", name, "limit-http-inflate-" + service, "fetch", bestInflating,
              v.voxels(), bytes, how);
        }
        s.replay().live();
        double live = Best.seconds(Math.min(reps, 2), () -> s.remote().getCutout(all));
        out.add("remote", name, "live-" + service, "fetch", live, v.voxels(), bytes, how);
        pool.shutdown();
      } finally {
        LocalStorage.deleteTree(root);
      }
    }
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double time(Best.Work w) throws Exception {
    long t = System.nanoTime();
    Best.sink = w.run();
    return (System.nanoTime() - t) / 1e9;
  }

  /** The recorded bodies again, one plain GET each, as many in flight as the client has. */
  private static long plainGets(HttpClient http, ExecutorService pool, ServedVolume s,
      List<Reply> bodies, long wire) throws Exception {
    List<Future<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      HttpRequest get = HttpRequest.newBuilder(URI.create(s.server().address()
          + ReplayHandler.BODIES + i)).build();
      parts.add(pool.submit(() -> http.send(get, HttpResponse.BodyHandlers.ofByteArray())
          .body().length));
    }
    long got = 0;
    for (Future<Integer> f : parts) {
      got += f.get();
    }
    if (got != wire) {
      throw new IllegalStateException("plain GETs gave " + got + " of " + wire + " bytes");
    }
    return got;
  }

  /** A thread's inflater and buffers, reused from body to body as a client's would be. */
  private static final class Inflating {
    final Inflater inflater = new Inflater();
    final byte[] in = new byte[1 << 20];
    byte[] out = new byte[0];
  }

  /**
   * The recorded bodies again, one plain GET each, as many in flight as the client has, each
   * inflated as it is received into its thread's reused buffer, as large as the body's data.
   */
  private static long getsAndInflate(HttpClient http, ExecutorService pool, ServedVolume s,
      List<Reply> bodies, long voxelBytes, ThreadLocal<Inflating> buffers) throws Exception {
    List<Future<Long>> parts = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      HttpRequest get = HttpRequest.newBuilder(URI.create(s.server().address()
          + ReplayHandler.BODIES + i)).build();
      parts.add(pool.submit(() -> inflate(http.send(get, HttpResponse.BodyHandlers
          .ofInputStream()).body(), voxelBytes, buffers.get())));
    }
    long got = 0;
    for (Future<Long> f : parts) {
      got += f.get();
    }
    // each body is an npy header (at most a few hundred bytes) and its piece's voxels
    if (got < voxelBytes || got > voxelBytes + 4096L * bodies.size()) {
      throw new IllegalStateException("GETs + inflate gave " + got + " bytes for "
          + voxelBytes + " of voxels");
    }
    return got;
  }

  private static long inflate(InputStream body, long voxelBytes, Inflating t)
      throws IOException {
    Inflater inf = t.inflater;
    inf.reset();
    long got = 0;
    try (body) {
      for (int n = body.read(t.in); n >= 0; n = body.read(t.in)) {
        inf.setInput(t.in, 0, n);
        while (!inf.needsInput() && !inf.finished()) {
          if (got == t.out.length) {
            // grows once per thread to the largest body's data; never in a timed run after
            // the warm-up pair
            t.out = Arrays.copyOf(t.out, (int) Math.min(Integer.MAX_VALUE - 8,
                Math.max(1 << 20, Math.min(voxelBytes + 4096, 2L * t.out.length))));
          }
          int k = inf.inflate(t.out, (int) got, t.out.length - (int) got);
          if (k == 0 && inf.needsDictionary()) {
            throw new IOException("a recorded npz body needs a preset dictionary");
          }
          got += k;
        }
      }
    } catch (DataFormatException e) {
      throw new IOException("a recorded npz body is not a zlib stream", e);
    }
    if (!inf.finished()) {
      throw new IOException("a recorded npz body ends before its zlib stream does");
    }
    return got;
  }
}
