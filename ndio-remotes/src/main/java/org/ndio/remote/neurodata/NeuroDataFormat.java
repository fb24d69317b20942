package org.ndio.remote.neurodata;

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
 * {@code neurodata://HOST[:PORT]/TOKEN/CHANNEL}: a channel of a NeuroData (ndstore) project
 * over https, with the user's key from the URL's profile ({@link RemoteTarget}) or
 * {@value NeuroDataRemote#TOKEN_VARIABLE}. Reading gives a
 * {@link NeuroDataRemote}; writing posts cutouts (visible as posted), creating the project and
 * channel through {@code autoIngest/} where the mode allows; many Spark tasks may post at once.
 * {@link NeuroDataHttpFormat} is the same over plain HTTP.
 */
public class NeuroDataFormat implements VolumeFormat {

  private final String scheme;

  public NeuroDataFormat() {
    this(NeuroDataUrl.SCHEME);
  }

  protected NeuroDataFormat(String scheme) {
    this.scheme = scheme;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String usage() {
    return scheme + "://HOST[:PORT]/TOKEN/CHANNEL  a NeuroData (ndstore) channel"
        + (scheme.equals(NeuroDataUrl.SCHEME) ? " over https" : " over plain HTTP")
        + " (key in " + NeuroDataRemote.TOKEN_VARIABLE + ")";
  }

  private static RemoteTarget target(VolumeUrl url) {
    return RemoteTarget.resolve(url, RemoteKind.NEURODATA);
  }

  @Override
  public VolumeReader open(VolumeUrl url) {
    RemoteTarget t = target(url);
    return new NeuroDataRemote(NeuroDataUrl.parse(t.url()), t.token(),
        t.apply(NeuroDataOptions.DEFAULT));
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    RemoteTarget t = target(url);
    return create(NeuroDataUrl.parse(t.url()), t.token(), t.apply(NeuroDataOptions.DEFAULT),
        spec, mode);
  }

  /** {@link #create(VolumeUrl, VolumeSpec, WriteMode)} with an explicit key and options. */
  public static VolumeWriter create(NeuroDataUrl url, Optional<Secret> key,
      NeuroDataOptions options, VolumeSpec spec, WriteMode mode) {
    ChannelCreation.prepare(url, key, options, spec, mode);
    NeuroDataRemote remote = new NeuroDataRemote(url, key, options);
    return new RemoteWriter(remote, remote.channelInfo().resolution());
  }

  @Override
  public boolean supportsParallelWrite() {
    return true;
  }

  @Override
  public ParallelWrite beginParallel(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    RemoteTarget t = target(url);
    return beginParallel(NeuroDataUrl.parse(t.url()), t.token(),
        t.apply(NeuroDataOptions.DEFAULT), spec, mode);
  }

  /** {@link #beginParallel(VolumeUrl, VolumeSpec, WriteMode)} with a key and options. */
  public static ParallelWrite beginParallel(NeuroDataUrl url, Optional<Secret> key,
      NeuroDataOptions options, VolumeSpec spec, WriteMode mode) {
    return NeuroDataParallelWrite.begin(url, key, options, spec, mode);
  }
}
