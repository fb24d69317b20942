package org.ndio.remote.boss;

import java.util.Optional;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.UnsupportedFeatureException;
import org.ndio.VolumeExistsException;
import org.ndio.VolumeNotFoundException;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.VoxelSize;

/**
 * Makes a channel ready for a write: creates it (and its collection, coordinate frame and
 * experiment where missing) or checks the existing one, as the write mode asks.
 *
 * <p>A new experiment gets the coordinate frame {@code COLLECTION_EXPERIMENT} covering {@code
 * [0, shape)} with the spec's voxel size (1 nm where none is given), and the hierarchy the
 * spec's attributes {@code num_hierarchy_levels} and {@code hierarchy_method} name (the BOSS
 * defaults 1 and anisotropic otherwise). uint8 and uint16 make image channels, uint64
 * annotation channels.
 */
final class BossCreation {

  private BossCreation() {}

  static void prepare(BossProject p, BossUrl url, VolumeSpec spec, WriteMode mode) {
    url.requireChannel();
    if (mode == WriteMode.OVERWRITE) {
      throw new UnsupportedFeatureException(url + ": a BOSS channel cannot be replaced; delete"
          + " it on the service first, or write into it (append / create-or-append)");
    }
    String type = BossChannel.typeFor(spec.dtype());
    Optional<BossChannel> existing =
        p.findChannel(url.collection(), url.experiment(), url.channel());
    if (existing.isPresent()) {
      if (mode == WriteMode.ERROR_IF_EXISTS) {
        throw new VolumeExistsException(url + " already exists (write into it with --append,"
            + " or --create to create it only when missing)");
      }
      String has = existing.get().datatype();
      if (!has.equals(spec.dtype().numpyName())) {
        throw new DataTypeException(url + ": cannot write " + spec.dtype().numpyName()
            + " voxels into this " + has + " channel");
      }
      return;
    }
    if (mode == WriteMode.APPEND) {
      throw new VolumeNotFoundException(url + ": no such channel to append to (create it with"
          + " --create)");
    }
    create(p, url, spec, type);
  }

  private static void create(BossProject p, BossUrl url, VolumeSpec spec, String type) {
    String c = url.collection();
    String e = url.experiment();
    BoundingBox shape = BoundingBox.ofShape(spec.shape().x(), spec.shape().y(),
        spec.shape().z());
    if (p.findCollection(c).isEmpty()) {
      p.createCollection(BossCollection.of(c, ""));
    }
    Optional<BossExperiment> exp = p.findExperiment(c, e);
    if (exp.isPresent()) {
      BossCoordFrame f = p.coordinateFrame(exp.get().coordFrame());
      if (!f.extent().contains(shape)) {
        throw new BoxOutOfBoundsException(url + ": the experiment's coordinate frame '"
            + f.name() + "' (" + f.extent() + ") does not hold a volume of " + spec.shape());
      }
    } else {
      BossCoordFrame wanted = BossCoordFrame.of(c + "_" + e, shape,
          spec.voxelSize().orElse(new VoxelSize(1, 1, 1, "nanometer")));
      Optional<BossCoordFrame> f = p.findCoordinateFrame(wanted.name());
      if (f.isEmpty()) {
        p.createCoordinateFrame(wanted);
      } else if (!f.get().extent().contains(shape)) {
        throw new VolumeExistsException(url + ": coordinate frame '" + wanted.name()
            + "' exists with extent " + f.get().extent() + ", too small for " + spec.shape());
      }
      p.createExperiment(BossExperiment.of(e, c, wanted.name(), levels(spec),
          method(spec)));
    }
    p.createChannel(c, e, BossChannel.of(url.channel(), type, spec.dtype().numpyName()));
  }

  private static int levels(VolumeSpec spec) {
    Object v = spec.attributes().get("num_hierarchy_levels");
    return v instanceof Number n ? n.intValue() : 1;
  }

  private static String method(VolumeSpec spec) {
    Object v = spec.attributes().get("hierarchy_method");
    return v instanceof String s ? s : "anisotropic";
  }
}
