package org.ndio.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.demo.Demo;
import org.ndio.jobs.demo.DemoVolume;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The application jar on a real Spark standalone cluster: a master and two workers, each in a
 * JVM of its own on loopback, a Spark home made of Spark's own jars only, and the jobs
 * submitted through {@code bin/ndio-submit} (so the wrapper, conf/spark-defaults.conf and the
 * shaded jar are what runs). Results are checked against the demo volume's construction: its
 * known cell count and label sizes, and its voxels for copies. The last test kills a worker
 * (and its executor) in the middle of a job, which must still finish with the same bytes.
 */
@TestMethodOrder(OrderAnnotation.class)
class StandaloneClusterIT {

  // Generous: on a loaded machine a JVM with Spark takes long to start; a healthy run of the
  // whole class takes about a minute and a half.
  private static final long CLUSTER_START_MILLIS = 180_000;
  private static final long RUN_MINUTES = 10;

  @TempDir
  static Path tmp;

  private static Path root;
  private static SparkHome home;
  private static StandaloneCluster cluster;
  private static DemoVolume demo;
  private static String demoDir;
  private static final List<ChildJvm> runs = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    root = Path.of(System.getProperty("ndio.project.root", "..")).toAbsolutePath().normalize();
    Path classpath = Path.of(System.getProperty("ndio.spark.classpath",
        "target/spark.classpath"));
    assertTrue(Files.isRegularFile(classpath), classpath + " is missing: run mvn verify");
    home = SparkHome.create(tmp.resolve("spark-home"), classpath);
    List<String> opens = Files.readAllLines(root.resolve("conf/jvm.options")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    cluster = StandaloneCluster.start(home, tmp, opens, 2, "1g", CLUSTER_START_MILLIS);
    demoDir = tmp.resolve("demo").toString();
    demo = Demo.write(demoDir, DemoVolume.DEFAULT_SHAPE, 7, WriteMode.ERROR_IF_EXISTS);
  }

  @AfterAll
  static void stopCluster() throws IOException {
    runs.forEach(ChildJvm::kill);
    if (cluster != null) {
      cluster.close();
    }
    if (home != null) {
      home.unlinkJars(); // before @TempDir's cleanup, which warns about each link
    }
  }

  @Test
  @Order(1)
  void countFindsTheDemosCells() throws Exception {
    Path table = tmp.resolve("cells.csv");
    ChildJvm run = submit("count", 0, "count", Demo.urls(demoDir).em(), "--threshold",
        "" + DemoVolume.THRESHOLD, "--out", table.toString());
    String out = finish(run);
    assertTrue(out.contains(demo.cells() + " objects"),
        "expected " + demo.cells() + " objects\n" + run.tail(40));

    // Each cell is one object of the table, of the size its label has in the demo volume.
    List<String> rows = Files.readAllLines(table, StandardCharsets.UTF_8);
    int voxelsColumn = Arrays.asList(rows.get(0).split(",")).indexOf("voxels");
    long[] counted = rows.stream().skip(1).mapToLong(r -> Long.parseLong(r.split(",")[
        voxelsColumn])).sorted().toArray();
    long[] truth = new long[demo.cells()];
    Volume labels = demo.labels();
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          long id = labels.getLong(x, y, z);
          if (id != 0) {
            truth[(int) id - 1]++;
          }
        }
      }
    }
    Arrays.sort(truth);
    assertTrue(Arrays.equals(truth, counted), "object sizes differ from the labels' sizes");
  }

  @Test
  @Order(2)
  void convertCopiesEveryVoxel() throws Exception {
    String target = "zarr:" + tmp.resolve("em-copy");
    ChildJvm run = submit("convert", 0, "convert", Demo.urls(demoDir).em(), target,
        "--chunks", "32,32,8", "--compressor", "zstd", "--quiet");
    String out = finish(run);
    assertTrue(out.contains("converted"), run.tail(40));
    assertSameVoxels(demo.em(), target);
  }

  @Test
  @Order(3)
  void convertSurvivesALostWorker() throws Exception {
    String target = "zarr:" + tmp.resolve("labels-copy");
    int ui = StandaloneCluster.freePort();
    // Many small tasks, so the job is still running when the first ones are done.
    ChildJvm run = submit("convert-kill", ui, "--conf", "spark.default.parallelism=32", "--",
        "convert", Demo.urls(demoDir).labels(), target, "--chunks", "32,32,16", "--quiet");
    Kill kill = killAWorkerMidJob(run, ui);
    String out = finish(run);
    assertTrue(out.contains("converted"), run.tail(40));
    assertTrue(kill.completed() < kill.tasks(), "the worker was killed after the job: " + kill);
    assertSameVoxels(demo.labels(), target);
    assertEquals(1, cluster.aliveWorkers(), "the master still counts the killed worker");
    System.out.println("StandaloneClusterIT: " + kill);
  }

  /** What the job had done when a worker was killed. */
  record Kill(String worker, String executor, int tasks, int completed, int active) {}

  /**
   * Watches the driver's REST API until tasks of the job have finished and one executor is
   * running a task, then kills the worker that executor runs under, executor included.
   */
  private static Kill killAWorkerMidJob(ChildJvm run, int ui) throws Exception {
    String api = "http://127.0.0.1:" + ui + "/api/v1/applications";
    long end = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(RUN_MINUTES);
    while (run.isAlive() && System.currentTimeMillis() < end) {
      Optional<JsonNode> apps = Json.get(api);
      if (apps.isPresent() && apps.get().size() > 0) {
        String app = api + "/" + apps.get().get(0).path("id").asText();
        JsonNode job = running(Json.get(app + "/jobs").orElse(null));
        Optional<JsonNode> executors = Json.get(app + "/executors");
        if (job != null && job.path("numCompletedTasks").asInt() >= 1 && executors.isPresent()) {
          for (JsonNode e : executors.get()) {
            Optional<ChildJvm> worker = workerOf(e.path("id").asText());
            if (e.path("activeTasks").asInt() > 0 && worker.isPresent()) {
              worker.get().kill();
              return new Kill(worker.get().name, e.path("id").asText(),
                  job.path("numTasks").asInt(), job.path("numCompletedTasks").asInt(),
                  job.path("numActiveTasks").asInt());
            }
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the job ended (or timed out) before a worker could be killed in"
        + " its middle\n" + run.tail(40) + "\n" + cluster.tails(20));
  }

  /** The running job with the most tasks, or null. */
  private static JsonNode running(JsonNode jobs) {
    JsonNode best = null;
    if (jobs != null) {
      for (JsonNode j : jobs) {
        if (j.path("status").asText().equals("RUNNING")
            && (best == null || j.path("numTasks").asInt() > best.path("numTasks").asInt())) {
          best = j;
        }
      }
    }
    return best;
  }

  /** The worker whose child process is the executor of that id. */
  private static Optional<ChildJvm> workerOf(String executorId) {
    for (ChildJvm w : cluster.workers) {
      if (!w.isAlive()) {
        continue;
      }
      boolean runsIt = w.handle().descendants().anyMatch(p -> {
        List<String> args = Arrays.asList(p.info().arguments().orElse(new String[0]));
        int i = args.indexOf("--executor-id");
        return i >= 0 && i + 1 < args.size() && args.get(i + 1).equals(executorId);
      });
      if (runsIt) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code bin/ndio-submit} on the cluster with small executors: one core and 512 MiB
   * each, so each worker runs one. Arguments before a "--" among {@code args} go to
   * spark-submit; without one, all are the ndio command.
   */
  private static ChildJvm submit(String name, int uiPort, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("bin/ndio-submit").toString(),
        "--master", cluster.url(), "--driver-memory", "512m",
        "--conf", "spark.executor.memory=512m", "--conf", "spark.executor.cores=1",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1"));
    cmd.addAll(uiPort > 0 ? List.of("--conf", "spark.ui.port=" + uiPort)
        : List.of("--conf", "spark.ui.enabled=false"));
    List<String> rest = Arrays.asList(args);
    cmd.addAll(rest.contains("--") ? rest : concat(List.of("--"), rest));
    Map<String, String> env = new HashMap<>(home.env());
    ChildJvm run = ChildJvm.start(name, cmd, env, tmp, tmp.resolve(name + ".log"));
    runs.add(run);
    return run;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Waits for the run to end, requires exit status 0, and returns its output. */
  private static String finish(ChildJvm run) throws InterruptedException {
    int status = run.await(RUN_MINUTES, TimeUnit.MINUTES);
    if (status != 0) {
      throw new AssertionError(run.name + (status < 0 ? " did not end in " + RUN_MINUTES
          + " minutes" : " exited with " + status) + "\n" + run.tail(60) + "\n"
          + cluster.tails(30));
    }
    return run.output();
  }

  /** The target, read back without Spark, holds exactly the expected voxels. */
  private static void assertSameVoxels(Volume expected, String target) {
    try (VolumeReader r = Volumes.open(target)) {
      Volume copy = r.readAll();
      assertEquals(expected.dtype(), copy.dtype(), target);
      assertEquals(new Size3(expected.sizeX(), expected.sizeY(), expected.sizeZ()),
          new Size3(copy.sizeX(), copy.sizeY(), copy.sizeZ()), target);
      int at = Arrays.mismatch(expected.array(), copy.array());
      assertEquals(-1, at, target + " differs from its source at byte " + at);
    }
  }
}
