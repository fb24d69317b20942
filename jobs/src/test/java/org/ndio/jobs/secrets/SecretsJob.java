package org.ndio.jobs.secrets;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.spark.JobSession;
import org.ndio.remote.Remote;
import org.ndio.remote.boss.BossOptions;
import org.ndio.remote.boss.BossRemote;
import org.ndio.remote.boss.BossUrl;
import org.ndio.remote.http.Secret;
import org.ndio.remote.profile.ProfileFile;
import org.ndio.remote.profile.RemoteKind;
import org.ndio.remote.profile.RemoteTarget;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark job {@link SecretsTest} runs in a JVM of its own (so that its environment holds the
 * token, and its event log and logs are its own): writes and reads a BOSS channel through the
 * ndio source with the token from {@code NDIO_BOSS_TOKEN} via a profile, under injected faults
 * (retried), then fails on purpose (a wrong token, no retries, a token given as an option),
 * logging every failure with its stack trace and printing the {@code toString} of everything
 * that holds the token. Prints {@code MARK name} lines the test checks for.
 *
 * <p>Arguments: a work directory.
 */
public final class SecretsJob {

  private static final Logger LOG = LoggerFactory.getLogger(SecretsJob.class);
  private static final PrintStream OUT = System.out;

  private SecretsJob() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Secret token = Secret.fromEnvironment("NDIO_BOSS_TOKEN").orElseThrow();
    // What a user does to hand the token to a cluster's executors; Spark must redact it.
    System.setProperty("spark.executorEnv.NDIO_BOSS_TOKEN", token.reveal());

    Volume v = TestVolumes.random(DataType.UINT8, 160, 120, 16, 3);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(64, 64, 8), null);
    mark("source");
    Files.writeString(dir.resolve("wrong.token"), "wrong-" + token.reveal().length());
    Path profiles = dir.resolve("ndio.yaml");
    Files.writeString(profiles, """
        profiles:
          main:
            remote: boss
            host: 127.0.0.1
            token_env: NDIO_BOSS_TOKEN
            max_request_bytes: 64KiB
            retry: {max_tries: 30, backoff_base: 1ms, backoff_cap: 10ms}
          wrong:
            remote: boss
            host: 127.0.0.1
            token_file: wrong.token
          fragile:
            remote: boss
            host: 127.0.0.1
            token_env: NDIO_BOSS_TOKEN
            max_request_bytes: 16KiB
            retry: {max_tries: 1}
        """);
    Path root = dir.resolve("boss");
    SparkSession spark = JobSession.start("secrets", "local[2]");
    Dataset<Row> cuboids = spark.read().format("ndio").option("url", src).load();
    mark("session");

    try (EmbeddedServer clean = BossServer.start(root, 0, Optional.of(token),
        FaultInjection.NONE)) {
      String url = "boss+http://127.0.0.1:" + clean.port() + "/lab/em/raw";
      cuboids.write().format("ndio").option("url", url).option("profiles", profiles.toString())
          .mode("errorifexists").save();
      mark("write");
    }

    try (EmbeddedServer faulty = BossServer.start(root, 0, Optional.of(token),
        FaultInjection.evenly(0.2, 7))) {
      String url = "boss+http://127.0.0.1:" + faulty.port() + "/lab/em/raw";
      Dataset<Row> back = spark.read().format("ndio").option("url", url)
          .option("profiles", profiles.toString()).option("cuboid", "64,64,8").load();
      OUT.println("read plan: " + back.queryExecution());
      check(v, back.collectAsList());
      mark("read");
      // A retried Spark write: appending rewrites the same voxels, each post retried.
      cuboids.write().format("ndio").option("url", url).option("profiles", profiles.toString())
          .mode("append").save();
      check(v, spark.read().format("ndio").option("url", url)
          .option("profiles", profiles.toString()).load().collectAsList());
      mark("append");
      EmbeddedServer.Stats s = faulty.stats();
      OUT.println("faults: " + s);
      if (s.errors() + s.drops() + s.truncations() > 0) {
        mark("faults");
      }

      expectFailure("wrong-token", () -> spark.read().format("ndio")
          .option("url", url + "?profile=wrong").option("profiles", profiles.toString()).load()
          .count());
      expectFailure("no-retries", () -> {
        for (int i = 0; i < 5; i++) {
          spark.read().format("ndio").option("url", url + "?profile=fragile")
              .option("profiles", profiles.toString()).option("cuboid", "64,64,8").load()
              .collectAsList();
        }
      });
      expectFailure("token-option", () -> spark.read().format("ndio").option("url", url)
          .option("token", token.reveal()).load().count());
      expectFailure("api-wrong-token", () -> BossRemote.open(BossUrl.parse(url),
          Optional.of(Secret.of(token.reveal() + "x")), BossOptions.DEFAULT));

      String withProfile = url + "?profiles=" + profiles;
      RemoteTarget target = RemoteTarget.resolve(VolumeUrl.parse(withProfile), RemoteKind.BOSS);
      try (VolumeReader r = Volumes.open(withProfile)) {
        Remote remote = (Remote) r;
        show("target", target);
        show("options", target.apply(BossOptions.DEFAULT));
        show("profiles", ProfileFile.read(profiles));
        show("remote", remote);
        show("stats", remote.requestStats());
      }
      try (VolumeWriter w = Volumes.create(withProfile, VolumeSpec.of(DataType.UINT8,
          new Size3(160, 120, 16)), WriteMode.APPEND)) {
        show("writer", w);
        w.write(0, 0, 0, v);
        w.commit();
      }
      show("spark conf", spark.sparkContext().getConf().toDebugString());
      // What SET shows in a notebook or the SQL shell.
      show("SET", spark.sql("SET").collectAsList());
    }
    spark.stop();
    mark("done");
  }

  private static void check(Volume v, List<Row> rows) {
    Volume out = Volume.allocate(DataType.UINT8, 160, 120, 16);
    for (Row r : rows) {
      int x0 = (int) r.getLong(0);
      int y0 = (int) r.getLong(1);
      int z0 = (int) r.getLong(2);
      out.copyFrom(Volume.wrap(DataType.UINT8, (int) (r.getLong(3) - x0),
          (int) (r.getLong(4) - y0), (int) (r.getLong(5) - z0), (byte[]) r.get(7)), x0, y0, z0);
    }
    if (!out.equals(v)) {
      throw new AssertionError("the voxels read back differ from those written");
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static void expectFailure(String name, Action a) {
    try {
      a.run();
      OUT.println("NOT FAILED " + name);
    } catch (Exception e) {
      LOG.warn("expected failure " + name, e);
      OUT.println("failure " + name + ": " + e);
      e.printStackTrace(OUT);
      mark(name);
    }
  }

  private static void show(String what, Object o) {
    OUT.println(what + ": " + o);
  }

  private static final long START = System.nanoTime();

  private static void mark(String name) {
    OUT.println("MARK " + name);
    OUT.printf("TIME %s %.1f s%n", name, (System.nanoTime() - START) / 1e9);
    OUT.flush();
  }
}
