package org.ndio.format.zarr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.VolumeExistsException;
import org.ndio.storage.Storage;
import org.ndio.storage.Storages;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;

/**
 * A write of a Zarr array by one or many processes. A new array (error-if-exists or
 * overwrite) is built in a hidden sibling directory and renamed into place at {@link
 * #commit()}, so the target is the old array or the complete new one, never a mix; an append
 * writes chunks straight into the existing array. Only strings travel to tasks: each side opens
 * its own storage from the locations.
 */
final class ZarrWrite implements ParallelWrite {

  private static final long serialVersionUID = 1L;

  private static final String TMP = ".ndio-tmp-";

  /** What {@code Storage.write} leaves behind when its process dies before the rename. */
  private static final Pattern STRAY = Pattern.compile("\\..+\\.tmp-[0-9a-f-]{36}");

  private static final Pattern UUID_FORM = Pattern.compile("[0-9a-f-]{36}");

  private final String name;
  private final String target;
  private final String writeTo;
  private final boolean fresh;
  private final WriteMode mode;
  private final byte[] zarray;
  private final byte[] zattrs;

  private ZarrWrite(String name, String target, String writeTo, boolean fresh, WriteMode mode,
      byte[] zarray, byte[] zattrs) {
    this.name = name;
    this.target = target;
    this.writeTo = writeTo;
    this.fresh = fresh;
    this.mode = mode;
    this.zarray = zarray;
    this.zattrs = zattrs;
  }

  /** An append into the existing array at {@code target}, which must hold {@code dtype}. */
  static ZarrWrite append(String name, Storage target, DataType dtype) {
    ZarrArray existing = ZarrArray.open(target, name);
    if (existing.metadata().dtype() != dtype) {
      throw new DataTypeException(name + ": cannot append " + dtype.numpyName()
          + " voxels to a " + existing.metadata().dtype().numpyName() + " array");
    }
    return new ZarrWrite(name, target.location(), target.location(), false, WriteMode.APPEND,
        existing.metadata().toJson(), null);
  }

  /** Creates the hidden array of a new target (error-if-exists or overwrite). */
  static ZarrWrite create(String name, Storage target, ZarrMetadata meta, VolumeSpec spec,
      WriteMode mode) {
    checkTarget(target, mode);
    Storage temp = target.sibling("." + leaf(target) + TMP + UUID.randomUUID());
    Map<String, Object> attrs = new LinkedHashMap<>(ZarrArray.standardAttributes(spec.voxelSize()));
    attrs.putAll(spec.attributes());
    byte[] zattrs = ZarrArray.toJson(attrs);
    byte[] zarray = meta.toJson();
    temp.write(".zarray", zarray);
    temp.write(".zattrs", zattrs);
    return new ZarrWrite(name, target.location(), temp.location(), true, mode, zarray, zattrs);
  }

  /**
   * Reopens the write whose {@link #resumeState()} is {@code state} after its process stopped:
   * {@code new MODE UUID} (the hidden array next to the target, named by the UUID, so a journal
   * cannot point a write anywhere else) or {@code append}. Temporary files of chunk writes cut
   * short are removed; chunks written whole stay.
   */
  static ZarrWrite resume(String name, Storage target, String state) {
    String[] f = state.split(" ");
    if (f.length == 1 && f[0].equals("append")) {
      ZarrArray existing = ZarrArray.open(target, name);
      sweep(target, "", 0);
      return new ZarrWrite(name, target.location(), target.location(), false, WriteMode.APPEND,
          existing.metadata().toJson(), null);
    }
    if (f.length != 3 || !f[0].equals("new") || !UUID_FORM.matcher(f[2]).matches()
        || !(f[1].equals("ERROR_IF_EXISTS") || f[1].equals("OVERWRITE"))) {
      throw new NdioException(name + ": cannot resume a write from '" + state + "'");
    }
    WriteMode mode = WriteMode.valueOf(f[1]);
    Storage temp = target.sibling("." + leaf(target) + TMP + f[2]);
    if (!temp.exists(".zarray")) {
      if (target.exists(".zarray")) {
        // The stopped process got as far as publishing: commit() has nothing left to do.
        byte[] zarray = target.read(".zarray").orElseThrow();
        return new ZarrWrite(name, target.location(), temp.location(), true, mode, zarray,
            target.read(".zattrs").orElse(ZarrArray.toJson(Map.of())));
      }
      throw new NdioException(name + ": the unfinished write to resume is gone (no "
          + temp.location() + "); start again without --resume");
    }
    sweep(temp, "", 0);
    return new ZarrWrite(name, target.location(), temp.location(), true, mode,
        temp.read(".zarray").orElseThrow(),
        temp.read(".zattrs").orElse(ZarrArray.toJson(Map.of())));
  }

  /** Removes stray temporary files under {@code dir} (chunk keys nest at most 3 deep). */
  private static void sweep(Storage s, String dir, int depth) {
    for (String entry : s.list(dir)) {
      String key = dir.isEmpty() ? entry : dir + "/" + entry;
      if (STRAY.matcher(entry).matches()) {
        s.delete(key);
      } else if (depth < 3 && !entry.startsWith(".")) {
        List<String> below = s.list(key);
        // A file lists as nothing (local) or as itself (Hadoop): only directories recurse.
        if (!below.isEmpty() && !below.equals(List.of(entry))) {
          sweep(s, key, depth + 1);
        }
      }
    }
  }

  private static void checkTarget(Storage target, WriteMode mode) {
    if (mode == WriteMode.ERROR_IF_EXISTS && target.rootExists()) {
      throw new VolumeExistsException(target.location()
          + " already exists (pass --overwrite / WriteMode.OVERWRITE to replace it)");
    }
  }

  private static String leaf(Storage s) {
    String loc = s.location();
    String trimmed = loc.endsWith("/") ? loc.substring(0, loc.length() - 1) : loc;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** The array being written (the hidden one for a new target). */
  ZarrArray array() {
    Storage s = Storages.at(writeTo);
    Map<String, Object> attrs = zattrs == null ? ZarrArray.readAttributes(s, name)
        : ZarrArray.parseAttributes(zattrs, name);
    return new ZarrArray(s, ZarrMetadata.parse(zarray, name), attrs, name);
  }

  @Override
  public VolumeInfo info() {
    return array().info();
  }

  @Override
  public ChunkWriter writer() {
    return new ZarrChunkWriter(array(), target);
  }

  @Override
  public Optional<String> resumeState() {
    if (!fresh) {
      return Optional.of("append");
    }
    String leaf = writeTo.substring(writeTo.lastIndexOf(TMP) + TMP.length());
    return Optional.of("new " + mode + " " + leaf);
  }

  @Override
  public void commit() {
    if (!fresh) {
      return;
    }
    Storage t = Storages.at(target);
    Storage temp = Storages.at(writeTo);
    if (!temp.rootExists() && t.rootExists()) {
      return; // published already, by a process that stopped before it could say so
    }
    checkTarget(t, mode);
    if (t.rootExists()) {
      Storage old = t.sibling("." + leaf(t) + ".ndio-old-" + UUID.randomUUID());
      t.renameRootTo(old);
      temp.renameRootTo(t);
      old.deleteRoot();
    } else {
      temp.renameRootTo(t);
    }
  }

  @Override
  public void abort() {
    if (fresh) {
      Storages.at(writeTo).deleteRoot();
    }
  }
}
