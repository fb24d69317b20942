package org.ndio.format.zarr;

import java.util.Optional;
import org.ndio.VolumeNotFoundException;
import org.ndio.codec.Codec;
import org.ndio.codec.Codecs;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.Size3;

/**
 * {@code zarr:PATH}: a Zarr v2 array, ndio's local chunked store, on a local path or any
 * Hadoop file system ({@code zarr:hdfs://nn/path}, {@code zarr:s3a://bucket/path}).
 */
public final class ZarrFormat implements VolumeFormat {

  /**
   * Chunk shape of new arrays when none is given: 1 MiB of uint8 (8 MiB of uint64 labels),
   * thinner in z because EM sections are thicker than their pixels are wide.
   */
  public static final Size3 DEFAULT_CHUNKS = new Size3(128, 128, 64);

  /** zarr-python's default compressor. */
  public static final String DEFAULT_COMPRESSOR = "blosc:lz4:5:byte";

  @Override
  public String scheme() {
    return "zarr";
  }

  @Override
  public String usage() {
    return "zarr:PATH        Zarr v2 array (local path, file:, hdfs:, s3a: URI)";
  }

  /** An array, or an OME-Zarr multiscale group (read at level 0 unless a level is asked). */
  @Override
  public VolumeReader open(VolumeUrl url) {
    Storage storage = Storages.at(url.location());
    if (!storage.exists(".zarray")) {
      Optional<Multiscales> ms = Multiscales.read(storage, url.toString());
      if (ms.isPresent()) {
        return new ZarrMultiscale(storage, ms.get(), url.toString());
      }
    }
    return ZarrArray.open(storage, url.toString());
  }

  @Override
  public VolumeWriter create(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    return new ZarrWriter(begin(url, spec, mode));
  }

  @Override
  public boolean supportsParallelWrite() {
    return true;
  }

  @Override
  public ParallelWrite beginParallel(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    return begin(url, spec, mode);
  }

  @Override
  public ParallelWrite resumeParallel(VolumeUrl url, String state) {
    return ZarrWrite.resume(url.toString(), Storages.at(url.location()), state);
  }

  private static ZarrWrite begin(VolumeUrl url, VolumeSpec spec, WriteMode mode) {
    Storage storage = Storages.at(url.location());
    if (mode == WriteMode.CREATE_OR_APPEND) {
      mode = storage.exists(".zarray") ? WriteMode.APPEND : WriteMode.ERROR_IF_EXISTS;
    }
    if (mode == WriteMode.APPEND) {
      return ZarrWrite.append(url.toString(), storage, spec.dtype());
    }
    Size3 s = spec.shape();
    Size3 c = spec.chunks().orElse(DEFAULT_CHUNKS);
    // Chunks larger than the volume only waste padding.
    Size3 chunks = new Size3(Math.min(c.x(), s.x()), Math.min(c.y(), s.y()),
        Math.min(c.z(), s.z()));
    Codec codec = Codecs.parse(spec.compressor().orElse(DEFAULT_COMPRESSOR));
    ZarrMetadata meta = ZarrMetadata.forNew(s, chunks, spec.dtype(), codec);
    return ZarrWrite.create(url.toString(), storage, meta, spec, mode);
  }

  static VolumeNotFoundException notAnArray(Storage storage, String name) {
    if (!storage.rootExists()) {
      return new VolumeNotFoundException(name + ": no such file or directory");
    }
    if (storage.exists(".zgroup")) {
      var arrays = storage.list("").stream()
          .filter(n -> storage.exists(n + "/.zarray")).toList();
      return new VolumeNotFoundException(name + " is a zarr group, not an array"
          + (arrays.isEmpty() ? " (it holds no arrays)"
              : "; name one of its arrays: " + String.join(", ", arrays)));
    }
    return new VolumeNotFoundException(name + " has no .zarray: not a Zarr v2 array");
  }
}
