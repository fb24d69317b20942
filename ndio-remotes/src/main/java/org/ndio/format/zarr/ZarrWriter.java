package org.ndio.format.zarr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.ndio.DataTypeException;
import org.ndio.VolumeExistsException;
import org.ndio.storage.Storage;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * Writes a new Zarr v2 array. Everything goes to a hidden sibling directory first and is
 * renamed into place at {@link #commit()}, so a failed copy leaves nothing at the target; each
 * chunk is itself written atomically, so a reader of the temporary array never sees half a
 * chunk either.
 */
final class ZarrWriter implements VolumeWriter {

  private final Storage target;
  private final Storage temp;
  private final WriteMode mode;
  private final ZarrArray array;
  private boolean committed;

  ZarrWriter(Storage target, ZarrMetadata meta, VolumeSpec spec, WriteMode mode, String name) {
    this.target = target;
    this.mode = mode;
    checkTarget();
    this.temp = target.sibling("." + leaf(target) + ".ndio-tmp-" + UUID.randomUUID());
    Map<String, Object> attrs = new LinkedHashMap<>(ZarrArray.standardAttributes(spec.voxelSize()));
    attrs.putAll(spec.attributes());
    temp.write(".zarray", meta.toJson());
    try {
      temp.write(".zattrs", ZarrArray.JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(attrs));
    } catch (JsonProcessingException e) {
      temp.deleteRoot();
      throw new IllegalArgumentException("attributes are not JSON: " + e.getMessage(), e);
    }
    this.array = new ZarrArray(temp, meta, Map.copyOf(attrs), name);
  }

  private static String leaf(Storage s) {
    String loc = s.location();
    String trimmed = loc.endsWith("/") ? loc.substring(0, loc.length() - 1) : loc;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private void checkTarget() {
    if (mode == WriteMode.ERROR_IF_EXISTS && target.rootExists()) {
      throw new VolumeExistsException(target.location()
          + " already exists (pass --overwrite / WriteMode.OVERWRITE to replace it)");
    }
  }

  @Override
  public VolumeInfo info() {
    return array.info();
  }

  @Override
  public Volume read(BoundingBox box) {
    return array.read(box);
  }

  @Override
  public void write(long x, long y, long z, Volume data) {
    BoundingBox box = BoundingBox.at(x, y, z, data.sizeX(), data.sizeY(), data.sizeZ());
    info().extent().requireContains(box, target.location());
    if (data.dtype() != array.metadata().dtype()) {
      throw new DataTypeException("cannot write " + data.dtype().numpyName()
          + " voxels into the " + array.metadata().dtype().numpyName() + " array "
          + target.location());
    }
    List<long[]> chunks = array.chunksTouching(box);
    chunks.parallelStream().forEach(g -> {
      BoundingBox cb = array.chunkBox(g[0], g[1], g[2]);
      BoundingBox part = cb.intersect(box).orElseThrow();
      // A chunk the write covers entirely needs no read; a partial one is read, patched and
      // rewritten.
      Volume chunk = part.equals(cb)
          ? blankChunk() : array.readChunk(g[0], g[1], g[2]);
      chunk.copyFrom(data.view((int) (part.x0() - x), (int) (part.y0() - y),
          (int) (part.z0() - z), (int) part.sizeX(), (int) part.sizeY(), (int) part.sizeZ()),
          (int) (part.x0() - cb.x0()), (int) (part.y0() - cb.y0()), (int) (part.z0() - cb.z0()));
      array.writeChunk(g[0], g[1], g[2], chunk);
    });
  }

  private Volume blankChunk() {
    ZarrMetadata m = array.metadata();
    Volume v = Volume.allocate(m.dtype(), m.chunks().x(), m.chunks().y(), m.chunks().z());
    if (m.fillValue() != 0) {
      v.fill(m.fillValue());
    }
    return v;
  }

  @Override
  public void commit() {
    if (committed) {
      return;
    }
    checkTarget();
    if (target.rootExists()) {
      Storage old = target.sibling("." + leaf(target) + ".ndio-old-" + UUID.randomUUID());
      target.renameRootTo(old);
      temp.renameRootTo(target);
      old.deleteRoot();
    } else {
      temp.renameRootTo(target);
    }
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      temp.deleteRoot();
    }
  }
}
