package org.ndio.remote.dvid;

import java.util.Locale;
import java.util.Optional;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.remote.http.Secret;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The instance a write goes to, made ready: created (with its repo, if the URL's full UUID
 * names none) or checked for appending, its node checked to be open for writing, and its
 * extents set to what the write will leave: the spec's box {@code [0, shape)}, joined with the
 * instance's old extent when appending.
 *
 * @param remote the open instance
 * @param extent the extent the write leaves, set again once the write is committed (DVID
 *     widens extents to whole blocks as blocks are posted)
 */
record DvidTarget(DvidRemote remote, BoundingBox extent) {

  static DvidTarget prepare(DvidUrl url, VolumeSpec spec, WriteMode mode,
      Optional<Secret> token, DvidOptions options) {
    if (mode == WriteMode.OVERWRITE) {
      throw new UnsupportedFeatureException(url + ": DVID instances are not replaced; append"
          + " to it (--append / WriteMode.APPEND) or write a new instance");
    }
    BoundingBox box = BoundingBox.ofShape(spec.shape().x(), spec.shape().y(), spec.shape().z());
    BoundingBox extent;
    try (DvidClient c = new DvidClient(url.base(), token, options)) {
      boolean node = c.nodeExists(url.uuid());
      Optional<DvidInstance> existing = node ? c.findInstance(url.uuid(), url.instance())
          : Optional.empty();
      WriteMode m = mode != WriteMode.CREATE_OR_APPEND ? mode
          : existing.isPresent() ? WriteMode.APPEND : WriteMode.ERROR_IF_EXISTS;
      if (m == WriteMode.ERROR_IF_EXISTS && existing.isPresent()) {
        throw new VolumeExistsException(url + " already exists (a " + existing.get().typeName()
            + " instance); append to it (--append / WriteMode.APPEND) or name a new instance");
      }
      if (m == WriteMode.APPEND && existing.isEmpty()) {
        throw new VolumeNotFoundException(url + ": there is no such instance to append to"
            + (node ? "" : " (no version node matches UUID '" + url.uuid() + "')"));
      }
      if (node && c.isLocked(url.uuid())) {
        throw new LockedNodeException(url + ": version node " + url.uuid() + " is committed"
            + " and read-only; write to a child made with newversion or branch");
      }
      if (m == WriteMode.APPEND) {
        DvidInstance i = existing.get();
        if (i.dtype().isEmpty() || i.dtype().get() != spec.dtype()) {
          throw new DataTypeException(url + ": cannot append " + spec.dtype().numpyName()
              + " voxels to a " + i.typeName() + " instance"
              + i.dtype().map(d -> " (" + d.numpyName() + ")").orElse(""));
        }
        extent = i.extent().map(e -> DvidRemote.union(e, box)).orElse(box);
      } else {
        DvidType type = DvidType.forDataType(spec.dtype());
        Size3 block = blockSize(url, type, spec);
        if (!node) {
          if (!url.hasFullUuid()) {
            throw new VolumeNotFoundException(url + ": no version node matches UUID '"
                + url.uuid() + "'; to create a repo for it, give its full 32-digit root UUID");
          }
          c.createRepo(url.instance(), "created by ndio for " + url,
              Optional.of(url.uuid().toLowerCase(Locale.ROOT)));
        }
        c.createInstance(url.uuid(), type, url.instance(),
            DvidInstance.settings(block, spec.voxelSize()));
        extent = box;
      }
    }
    DvidRemote remote = DvidRemote.open(url, token, options);
    try {
      remote.setExtent(extent);
    } catch (RuntimeException e) {
      remote.close();
      throw e;
    }
    return new DvidTarget(remote, extent);
  }

  /** The spec's chunk shape where given, else the type's default cube. */
  private static Size3 blockSize(DvidUrl url, DvidType type, VolumeSpec spec) {
    int d = type.defaultBlock();
    Size3 b = spec.chunks().orElse(new Size3(d, d, d));
    if (type.needsBlocksOf16() && (b.x() % 16 != 0 || b.y() % 16 != 0 || b.z() % 16 != 0)) {
      throw new InvalidBoxException(url + ": a " + type.typeName() + " instance needs block"
          + " edges that are multiples of 16; chunks " + b + " were asked for");
    }
    if (b.x() > 1024 || b.y() > 1024 || b.z() > 1024) {
      throw new InvalidBoxException(url + ": DVID block edges of at most 1024 voxels are"
          + " supported here; chunks " + b + " were asked for");
    }
    return b;
  }
}
