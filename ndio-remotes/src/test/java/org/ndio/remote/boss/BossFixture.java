package org.ndio.remote.boss;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.VoxelSize;

/** A BOSS server on loopback with its state in a test directory, and ways to fill it. */
public final class BossFixture implements AutoCloseable {

  /** The token tests use; messages must never show it. */
  public static final Secret TOKEN = Secret.of("boss-test-token-6f1e93c2");

  /** Fast retries, so fault-injection tests do not sleep for seconds. */
  public static final BossOptions FAST = BossOptions.DEFAULT
      .withRetry(new RetryPolicy(10, java.time.Duration.ofMillis(1),
          java.time.Duration.ofMillis(20)));

  public final Path root;
  public final EmbeddedServer server;
  public final Optional<Secret> token;

  private BossFixture(Path root, EmbeddedServer server, Optional<Secret> token) {
    this.root = root;
    this.server = server;
    this.token = token;
  }

  public static BossFixture start(Path root, Optional<Secret> token, FaultInjection faults,
      BossServerConfig config) throws IOException {
    return new BossFixture(root, BossServer.start(root, 0, token, faults, config), token);
  }

  public static BossFixture start(Path root, Optional<Secret> token) throws IOException {
    return start(root, token, FaultInjection.NONE, BossServerConfig.DEFAULT);
  }

  /** {@code boss+http://127.0.0.1:PORT}. */
  public String host() {
    return "boss+http://127.0.0.1:" + server.port();
  }

  public String url(String c, String e, String ch) {
    return host() + "/" + c + "/" + e + "/" + ch;
  }

  public BossProject project() {
    return BossProject.connect(host(), token, FAST);
  }

  public BossRemote open(String c, String e, String ch, BossOptions options) {
    return BossRemote.open(BossUrl.parse(url(c, e, ch)), token, options);
  }

  /** Creates collection, frame, experiment (where missing) and a channel of {@code dtype}. */
  public void channel(String c, String e, String ch, DataType dtype, BoundingBox frame,
      int levels, String method) {
    try (BossProject p = project()) {
      if (p.findCollection(c).isEmpty()) {
        p.createCollection(BossCollection.of(c, "test"));
      }
      if (p.findExperiment(c, e).isEmpty()) {
        p.createCoordinateFrame(BossCoordFrame.of(c + "_" + e + "_frame", frame,
            new VoxelSize(4, 4, 40, "nanometer")));
        p.createExperiment(BossExperiment.of(e, c, c + "_" + e + "_frame", levels, method));
      }
      p.createChannel(c, e, BossChannel.of(ch, BossChannel.typeFor(dtype), dtype.numpyName()));
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
