package org.ndio.remote.boss;

import java.util.Optional;
import org.ndio.remote.RemoteWriter;
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
 * {@code boss://HOST[:PORT]/COLLECTION/EXPERIMENT/CHANNEL} (https) and {@code boss+http://...}
 * (plain HTTP, for test servers): a channel of a BOSS service. The token and options come from
 * the URL's profile ({@link RemoteTarget}), else {@code NDIO_BOSS_TOKEN} and the defaults,
 * unless a token is given to the constructor.
 *
 * <p>Writes post cutouts, visible as they are posted (see {@link BossWriter}); error-if-exists
 * creates the channel (and its collection, frame and experiment where missing) and fails if it
 * exists, create-or-append creates it only when missing, append requires it, overwrite is
 * refused (remote channels are not replaced).
 */
public final class BossFormat implements VolumeFormat {

  private final boolean https;
  private final Optional<Secret> token;
  private final BossOptions options;

  /** {@code boss:} over https, token from the environment. */
  public BossFormat() {
    this(true, Optional.empty(), BossOptions.DEFAULT);
  }

  /**
   * @param https whether this is the {@code boss:} (https) or {@code boss+http:} scheme
   * @param token the token; empty reads {@code NDIO_BOSS_TOKEN} at each open
   */
  public BossFormat(boolean https, Optional<Secret> token, BossOptions options) {
    this.https = https;
    this.token = token;
    this.options = options;
  }

  /** {@code boss+http:}, token from the environment. */
  public static BossFormat http() {
    return new BossFormat(false, Optional.empty(), BossOptions.DEFAULT);
  }

  @Override
  public String scheme() {
    return https ? BossUrl.SCHEME : BossUrl.HTTP_SCHEME;
  }

  @Override
  public String usage() {
    return https ? "boss://HOST/COLL/EXP/CHAN  BOSS channel (https; token in NDIO_BOSS_TOKEN)"
        : "boss+http://HOST:PORT/COLL/EXP/CHAN  BOSS channel over plain HTTP (test servers)";
  }

  // The URL's profile (conf/ndio.yaml) gives the token and options; a token given to the
  // constructor wins, and the options given to it are the base the profile changes.
  private RemoteTarget target(VolumeUrl url) {
    return RemoteTarget.resolve(url, RemoteKind.BOSS);
  }

  private Optional<Secret> token(RemoteTarget t) {
    return token.isPresent() ? token : t.token();
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    RemoteTarget t = target(url);
    return BossRemote.open(BossUrl.parse(t.url()), token(t), t.apply(options));
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    BossRemote remote = prepare(target(url), spec, mode);
    return new RemoteWriter(remote, remote.channel().baseResolution());
  }

  private BossRemote prepare(RemoteTarget target, VolumeSpec spec, WriteMode mode) {
    BossUrl u = BossUrl.parse(target.url()).requireChannel();
    Optional<Secret> t = token(target);
    BossOptions o = target.apply(options);
    try (BossProject p = new BossProject(u.api(), BossRemote.transport(t, o), true)) {
      BossCreation.prepare(p, u, spec, mode);
    }
    return BossRemote.open(u, t, o);
  }

  @Override
  public boolean supportsParallelWrite() {
    return true;
  }

  @Override
  public ParallelWrite beginParallel(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    RemoteTarget t = target(url);
    try (BossRemote r = prepare(t, spec, mode)) {
      return new BossParallelWrite(r.url().toString(), token(t), t.apply(options), r.info());
    }
  }
}
