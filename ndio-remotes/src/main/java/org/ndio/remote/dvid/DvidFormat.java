package org.ndio.remote.dvid;

import java.util.Optional;
import org.ndio.remote.http.Secret;
import org.ndio.remote.profile.RemoteKind;
import org.ndio.remote.profile.RemoteTarget;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;

/**
 * {@code dvid://HOST[:PORT]/UUID/INSTANCE}: a DVID voxel instance (see {@link DvidUrl}); the
 * token, if the server wants one, comes from the URL's profile ({@link RemoteTarget}) or {@code
 * NDIO_DVID_TOKEN} and is sent as a bearer token. Opening gives a {@link DvidRemote}. Creating writes by posting cutouts: {@link
 * WriteMode#ERROR_IF_EXISTS} creates the instance (uint8blk, uint16blk, uint32blk, float32blk,
 * or labelmap for uint64; block size = the spec's chunks, else DVID's default) and, when the
 * URL's full 32-digit UUID names no node, a repo with that root; {@link WriteMode#APPEND}
 * writes into an existing instance of the same voxel type; {@link WriteMode#OVERWRITE} is
 * refused. Writes are visible as they are posted.
 */
public class DvidFormat implements VolumeFormat {

  /** The environment variable holding the token. */
  public static final String TOKEN_VARIABLE = "NDIO_DVID_TOKEN";

  private final String scheme;
  private final DvidOptions options;

  public DvidFormat() {
    this("dvid", DvidOptions.DEFAULT);
  }

  /** {@code dvid:} URLs with other request sizes, concurrency or retries. */
  public DvidFormat(DvidOptions options) {
    this("dvid", options);
  }

  protected DvidFormat(String scheme, DvidOptions options) {
    this.scheme = scheme;
    this.options = options;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String usage() {
    return String.format("%-16s DVID instance (HTTP; token in %s)",
        scheme + "://HOST:PORT/UUID/INSTANCE", TOKEN_VARIABLE);
  }

  private static RemoteTarget target(VolumeUrl url) {
    return RemoteTarget.resolve(url, RemoteKind.DVID);
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    RemoteTarget t = target(url);
    return DvidRemote.open(DvidUrl.parse(t.url()), t.token(), t.apply(options));
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    RemoteTarget t = target(url);
    return new DvidWriter(DvidTarget.prepare(DvidUrl.parse(t.url()), spec, mode, t.token(),
        t.apply(options)));
  }

  @Override
  public boolean supportsParallelWrite() {
    return true;
  }

  @Override
  public ParallelWrite beginParallel(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    RemoteTarget target = target(url);
    Optional<Secret> token = target.token();
    DvidOptions o = target.apply(options);
    DvidTarget t = DvidTarget.prepare(DvidUrl.parse(target.url()), spec, mode, token, o);
    try (DvidRemote r = t.remote()) {
      return new DvidParallelWrite(t, token, o);
    }
  }
}
