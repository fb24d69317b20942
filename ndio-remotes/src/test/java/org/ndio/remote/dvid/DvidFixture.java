package org.ndio.remote.dvid;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.dvid.DvidServer;

/** A DVID test server on loopback with one repo, and URLs into it. */
final class DvidFixture implements AutoCloseable {

  final EmbeddedServer server;
  final String root;
  final Optional<Secret> token;

  private DvidFixture(EmbeddedServer server, String root, Optional<Secret> token) {
    this.server = server;
    this.root = root;
    this.token = token;
  }

  static DvidFixture start(Path dir) throws IOException {
    return start(dir, Optional.empty(), FaultInjection.NONE);
  }

  /** A server with state under {@code dir} and a new repo (made without faults). */
  static DvidFixture start(Path dir, Optional<Secret> token, FaultInjection faults)
      throws IOException {
    String root;
    try (EmbeddedServer s = DvidServer.start(dir, 0, token, FaultInjection.NONE);
        DvidClient c = new DvidClient(URI.create(s.address()), token, DvidOptions.DEFAULT)) {
      root = c.createRepo("test", "ndio tests");
    }
    return new DvidFixture(DvidServer.start(dir, 0, token, faults), root, token);
  }

  /** A server on state a fixture left under {@code dir}, whose repo is {@code root}. */
  static DvidFixture restart(Path dir, String root, Optional<Secret> token,
      FaultInjection faults) throws IOException {
    return new DvidFixture(DvidServer.start(dir, 0, token, faults), root, token);
  }

  /** {@code dvid+http://127.0.0.1:PORT/ROOT/NAME}. */
  String url(String name) {
    return url(root, name);
  }

  String url(String uuid, String name) {
    return "dvid+http://127.0.0.1:" + server.port() + "/" + uuid + "/" + name;
  }

  DvidClient client() {
    return new DvidClient(URI.create(server.address()), token, DvidOptions.DEFAULT);
  }

  @Override
  public void close() {
    server.close();
  }
}
