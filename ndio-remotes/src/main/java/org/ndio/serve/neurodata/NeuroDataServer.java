package org.ndio.serve.neurodata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.StorageException;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;

/**
 * A NeuroData (ndstore) server on 127.0.0.1 for tests and local work: {@code ndio serve
 * neurodata --root DIR --port N [--token KEY]}. Projects, tokens and datasets are JSON files
 * under {@code DIR}, voxels Zarr arrays under {@code DIR/data/PROJECT/CHANNEL/LEVEL}, RAMON
 * objects one JSON file each under {@code DIR/ramon/PROJECT/CHANNEL/}; a restarted server
 * serves what it held. Projects are made with {@code POST
 * /nd/sd/autoIngest/} (what {@code ndio convert SRC neurodata+http://HOST:PORT/TOKEN/CHANNEL
 * --create} does).
 */
public final class NeuroDataServer {

  private NeuroDataServer() {}

  /**
   * Starts serving {@code root} on {@code port} (0 picks a free one).
   *
   * @param key the key clients must send as {@code Authorization: Token KEY} to reach
   *     non-public tokens; empty to serve everyone everything
   */
  public static EmbeddedServer start(Path root, int port, Optional<Secret> key,
      FaultInjection faults) throws IOException {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StorageException(root + ": cannot create the server's root: " + e.getMessage(),
          e);
    }
    return EmbeddedServer.start(new NeuroDataHandler(root, key), port, faults);
  }
}
