package org.ndio.serve.dvid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.codec.Codec;
import org.ndio.storage.LocalStorage;
import org.ndio.volume.Size3;

/** One data instance at run time: its settings and where its data is kept. */
final class Instance {

  private final InstanceRecord def;
  private final InstanceState state;
  private final BlockStore blocks;
  private final KeyValueStore keyValues;

  Instance(InstanceRecord def, LocalStorage dir, Codec codec) {
    this.def = def;
    InstanceType t = def.type();
    if (t.hasVoxels()) {
      List<Integer> b = def.blockSize();
      Map<String, Object> zattrs = new LinkedHashMap<>();
      zattrs.put("_ARRAY_DIMENSIONS", List.of("z", "y", "x"));
      zattrs.put("resolution", List.of(def.voxelSize().get(2), def.voxelSize().get(1),
          def.voxelSize().get(0)));
      zattrs.put("units", List.of(def.voxelUnits().get(2), def.voxelUnits().get(1),
          def.voxelUnits().get(0)));
      zattrs.put("dvid", Map.of("typename", t.typeName(), "dataname", def.name()));
      this.state = new InstanceState(dir);
      this.blocks = new BlockStore(dir, t.dtype(), new Size3(b.get(0), b.get(1), b.get(2)),
          codec, zattrs);
      this.keyValues = null;
    } else {
      this.state = null;
      this.blocks = null;
      this.keyValues = new KeyValueStore(dir);
    }
  }

  InstanceRecord def() {
    return def;
  }

  InstanceType type() {
    return def.type();
  }

  InstanceState state() {
    return state;
  }

  BlockStore blocks() {
    return blocks;
  }

  KeyValueStore keyValues() {
    return keyValues;
  }
}
