package org.ndio.serve.dvid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;

/**
 * A DVID server for tests and demos ({@code ndio serve dvid --root DIR --port N [--token T]}):
 * DVID's HTTP API on 127.0.0.1, wire-faithful for what ndio uses, with its state under {@code
 * root} so that a restarted server keeps its data.
 *
 * <p>Endpoints (paths, bodies, status codes and error texts as janelia-flyem/dvid has them):
 * <ul>
 *   <li>{@code GET /api/server/info}, {@code GET /api/server/types}, {@code GET /api/help};
 *   <li>{@code POST /api/repos} ({@code {"alias", "description", "root"}} gives {@code
 *       {"root": UUID}}), {@code GET /api/repos/info}, {@code HEAD /api/repo/{uuid}}, {@code
 *       GET|POST /api/repo/{uuid}/info}, {@code POST /api/repo/{uuid}/instance};
 *   <li>{@code GET /api/node/{uuid}/status}, {@code POST .../commit}, {@code .../branch},
 *       {@code .../newversion}; UUIDs may be any unique prefix or {@code PREFIX:BRANCH};
 *   <li>for {@code uint8blk, uint16blk, uint32blk, uint64blk, float32blk, labelblk,
 *       labelarray, labelmap}: {@code info}, {@code extents}, {@code raw/0_1_2/SIZE/OFFSET}
 *       (GET and block-aligned POST; lz4 and gzip for labels); for the label types {@code
 *       label/X_Y_Z} and {@code labels}; for labelarray and labelmap {@code maxlabel}, {@code
 *       nextlabel}, {@code sparsevol/LABEL} (legacy and streaming RLEs; HEAD) and {@code
 *       sparsevol-size/LABEL};
 *   <li>for {@code keyvalue}: {@code keys}, {@code keyrange/K1/K2} and {@code key/KEY} (GET,
 *       POST, DELETE, HEAD).
 * </ul>
 *
 * <p>State: {@code repos/ROOT/repo.json} (the repo, its DAG and instance settings), {@code
 * repos/ROOT/data/DATAUUID/state.json} (extents and label counters per version), {@code
 * .../NODE/voxels} (a Zarr v2 array per version node, chunks = the block size, holding the
 * blocks written at that node; read it with {@code zarr:} URLs or zarr-python) and {@code
 * .../NODE/kv/KEY} (key-value pairs as files).
 *
 * <p>Not served: 2d images and other formats, scales above 0 (multiscale needs one instance per
 * scale, or labelmap's downres, which this server does not compute), label mappings, merges,
 * splits, ROIs, syncs, mutation logs, blocks endpoints, range reads of values, and voxels at
 * negative coordinates (DVID allows them; this server refuses such POSTs with a 400).
 */
public final class DvidServer {

  private DvidServer() {}

  /**
   * Starts the server on {@code port} (0 for any free port) with state under {@code root}.
   *
   * @param token when present, requests to repos, nodes and instances need {@code
   *     Authorization: Bearer TOKEN} (401 otherwise), and only its holder may create repos
   */
  public static EmbeddedServer start(Path root, int port, Optional<Secret> token,
      FaultInjection faults) throws IOException {
    Files.createDirectories(root);
    return EmbeddedServer.start(new DvidHandler(root, token, DvidHandler.DEFAULT_COMPRESSOR),
        port, faults);
  }
}
