package org.ndio.serve.dvid;

import java.util.List;
import java.util.Map;

/**
 * A data instance's fixed settings, as created by {@code POST /api/repo/{uuid}/instance}.
 * Voxel instances have a block size, voxel size and units; keyvalue instances have none.
 *
 * @param versioned false when every version of the repo shares the root's data
 */
record InstanceRecord(String name, String typeName, String dataUuid, boolean versioned,
    List<Integer> blockSize, List<Double> voxelSize, List<String> voxelUnits,
    String compression, Map<String, String> tags, String created) {

  InstanceRecord {
    blockSize = List.copyOf(blockSize);
    voxelSize = List.copyOf(voxelSize);
    voxelUnits = List.copyOf(voxelUnits);
    tags = Map.copyOf(tags);
  }

  InstanceType type() {
    return InstanceType.fromName(typeName).orElseThrow();
  }
}
