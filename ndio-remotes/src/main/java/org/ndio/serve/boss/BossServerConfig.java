package org.ndio.serve.boss;

import org.ndio.codec.Blosc;
import org.ndio.codec.BloscCompressor;
import org.ndio.codec.BloscShuffle;

/**
 * Settings of a {@link BossServer}.
 *
 * @param maxCutoutBytes the largest cutout served or accepted, in voxel bytes (uint64 counted
 *     as a quarter); beyond it the answer is 413 with code 2000. The service's is 520 MiB.
 * @param responseCodec how GET cutouts are compressed (the typesize is always the element
 *     size in bits, as the service sends it); the service uses python-blosc's defaults,
 *     blosclz at level 9 with byte shuffle
 * @param user the name recorded as {@code creator} of new resources
 */
public record BossServerConfig(long maxCutoutBytes, Blosc responseCodec, String user) {

  /** The service's limit and compression, resources created by {@code ndio}. */
  public static final BossServerConfig DEFAULT = new BossServerConfig(520L << 20,
      new Blosc(BloscCompressor.BLOSCLZ, 9, BloscShuffle.BYTE, 0), "ndio");

  public BossServerConfig withMaxCutoutBytes(long bytes) {
    return new BossServerConfig(bytes, responseCodec, user);
  }

  public BossServerConfig withResponseCodec(Blosc codec) {
    return new BossServerConfig(maxCutoutBytes, codec, user);
  }
}
