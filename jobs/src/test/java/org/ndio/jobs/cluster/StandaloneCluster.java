package org.ndio.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Spark standalone cluster on loopback: one master and some workers, each a JVM of its own
 * started from a {@link SparkHome}, each worker with its own work directory (they share the
 * file system, as a cluster's nodes share a network store).
 */
final class StandaloneCluster implements AutoCloseable {

  final int masterPort;
  final int masterUiPort;
  final ChildJvm master;
  final List<ChildJvm> workers = new ArrayList<>();

  private StandaloneCluster(int masterPort, int masterUiPort, ChildJvm master) {
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
    this.master = master;
  }

  /**
   * Starts a master and {@code n} workers of one core and {@code workerMemory} each, and waits
   * until all of them have registered with the master.
   */
  static StandaloneCluster start(SparkHome home, Path dir, List<String> jvmOptions, int n,
      String workerMemory, long timeoutMillis) throws IOException, InterruptedException {
    int port = freePort();
    int ui = freePort();
    ChildJvm master = ChildJvm.start("master", home.java("256m", jvmOptions,
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
        "--webui-port", "" + ui), home.env(), dir, dir.resolve("master.log"));
    StandaloneCluster c = new StandaloneCluster(port, ui, master);
    try {
      for (int i = 0; i < n; i++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + i));
        c.workers.add(ChildJvm.start("worker-" + i, home.java("256m", jvmOptions,
            "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
            "--memory", workerMemory, "--work-dir", work.toString(), "--webui-port", "0",
            c.url()), home.env(), dir, dir.resolve("worker-" + i + ".log")));
      }
      c.awaitAliveWorkers(n, timeoutMillis);
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  String url() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's view of the cluster (workers, applications), empty while it is not up. */
  Optional<JsonNode> state() throws InterruptedException {
    return Json.get("http://127.0.0.1:" + masterUiPort + "/json/");
  }

  int aliveWorkers() throws InterruptedException {
    return state().map(s -> {
      int alive = 0;
      for (JsonNode w : s.path("workers")) {
        alive += w.path("state").asText().equals("ALIVE") ? 1 : 0;
      }
      return alive;
    }).orElse(0);
  }

  void awaitAliveWorkers(int n, long timeoutMillis) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMillis;
    int alive;
    while ((alive = aliveWorkers()) != n) {
      for (ChildJvm j : all()) {
        if (!j.isAlive()) {
          throw new AssertionError(j.name + " died while the cluster started\n" + j.tail(40));
        }
      }
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("the master reports " + alive + " alive workers, not " + n
            + ", after " + timeoutMillis / 1000 + " s\n" + tails(30));
      }
      Thread.sleep(250);
    }
  }

  List<ChildJvm> all() {
    List<ChildJvm> all = new ArrayList<>(List.of(master));
    all.addAll(workers);
    return all;
  }

  String tails(int lines) {
    StringBuilder b = new StringBuilder();
    for (ChildJvm j : all()) {
      b.append(j.tail(lines)).append('\n');
    }
    return b.toString();
  }

  @Override
  public void close() {
    for (ChildJvm j : all()) {
      j.kill();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
