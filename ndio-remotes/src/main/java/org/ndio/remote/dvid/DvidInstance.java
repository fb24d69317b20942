package org.ndio.remote.dvid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * A data instance as its {@code info} describes it: name, {@code Base.TypeName}, the type if
 * ndio knows it, data UUID, whether it is versioned, and for voxel instances the voxel type
 * ({@code Extended.Values}), {@code BlockSize}, {@code VoxelSize}/{@code VoxelUnits} and the
 * extent {@code [MinPoint, MaxPoint + 1)} (empty before anything was written).
 */
public record DvidInstance(String name, String typeName, Optional<DvidType> type,
    String dataUuid, boolean versioned, Optional<DataType> dtype, Optional<Size3> blockSize,
    Optional<VoxelSize> voxelSize, Optional<BoundingBox> extent) {

  static DvidInstance fromInfo(JsonNode info) {
    JsonNode base = info.path("Base");
    JsonNode ext = info.path("Extended");
    String typeName = base.path("TypeName").asText("");
    Optional<DvidType> type = DvidType.fromTypeName(typeName);
    Optional<DataType> dtype = type.flatMap(DvidType::dtype);
    JsonNode values = ext.path("Values");
    if (values.isArray() && values.size() == 1 && values.get(0).hasNonNull("DataType")) {
      try {
        dtype = Optional.of(DataType.fromName(values.get(0).path("DataType").asText()));
      } catch (DataTypeException e) {
        dtype = Optional.empty(); // e.g. rgba8blk's four channels: not a volume ndio reads
      }
    }
    return new DvidInstance(base.path("Name").asText(""), typeName, type,
        base.path("DataUUID").asText(""), base.path("Versioned").asBoolean(true), dtype,
        triple(ext.path("BlockSize")).map(b -> new Size3(b[0], b[1], b[2])),
        voxelSize(ext), extent(ext));
  }

  private static Optional<long[]> triple(JsonNode a) {
    if (!a.isArray() || a.size() != 3) {
      return Optional.empty();
    }
    return Optional.of(new long[] {a.get(0).asLong(), a.get(1).asLong(), a.get(2).asLong()});
  }

  private static Optional<BoundingBox> extent(JsonNode ext) {
    Optional<long[]> lo = triple(ext.path("MinPoint"));
    Optional<long[]> hi = triple(ext.path("MaxPoint"));
    if (lo.isEmpty() || hi.isEmpty()) {
      return Optional.empty();
    }
    long[] a = lo.get();
    long[] b = hi.get();
    if (b[0] < a[0] || b[1] < a[1] || b[2] < a[2]) {
      return Optional.empty();
    }
    return Optional.of(new BoundingBox(a[0], b[0] + 1, a[1], b[1] + 1, a[2], b[2] + 1));
  }

  private static Optional<VoxelSize> voxelSize(JsonNode ext) {
    JsonNode s = ext.path("VoxelSize");
    if (!s.isArray() || s.size() != 3) {
      return Optional.empty();
    }
    String unit = ext.path("VoxelUnits").path(0).asText("nanometers");
    try {
      return Optional.of(new VoxelSize(s.get(0).asDouble(), s.get(1).asDouble(),
          s.get(2).asDouble(), singular(unit)));
    } catch (NdioException e) {
      return Optional.empty(); // DVID allows a zero size; ndio's voxel sizes are positive
    }
  }

  /** DVID says {@code nanometers}; ndio's voxel sizes say {@code nanometer}. */
  static String singular(String unit) {
    String u = unit.trim().toLowerCase(Locale.ROOT);
    return u.endsWith("meters") || u.endsWith("metres") ? u.substring(0, u.length() - 1) : u;
  }

  /** ndio's {@code nanometer} as DVID writes it. */
  static String plural(String unit) {
    String u = unit.trim().toLowerCase(Locale.ROOT);
    return u.endsWith("meter") || u.endsWith("metre") ? u + "s" : u;
  }

  /** Whether voxels can be read and written through ndio. */
  public boolean hasVoxels() {
    return dtype.isPresent() && blockSize.isPresent();
  }

  /** Settings for {@code POST /api/repo/{uuid}/instance}, all strings as DVID wants them. */
  static Map<String, String> settings(Size3 block, Optional<VoxelSize> voxel) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("BlockSize", block.x() + "," + block.y() + "," + block.z());
    voxel.ifPresent(v -> {
      m.put("VoxelSize", v.x() + "," + v.y() + "," + v.z());
      String u = plural(v.unit());
      m.put("VoxelUnits", u + "," + u + "," + u);
    });
    return m;
  }
}
