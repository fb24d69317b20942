package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CuboidScanSplitTest {

  private static final long MIB = 1L << 20;
  private static final long MAX = ReadOptions.DEFAULT_MAX_PARTITION_BYTES;

  @Test
  void aVolumeOfManyCuboidsGivesEachCoreSeveralTasks() {
    // 256 MiB on 2 cores: 8 tasks of 32 MiB, not 2 of 128 MiB
    assertEquals(32 * MIB, CuboidScan.splitBytes(256 * MIB, MAX, 2));
    assertEquals(64 * MIB, CuboidScan.splitBytes(256 * MIB, MAX, 1));
  }

  @Test
  void tasksStayAboveTheFloorUnlessACoreShareIsSmaller() {
    assertEquals(16 * MIB, CuboidScan.splitBytes(100 * MIB, MAX, 2));
    // 20 MiB on 2 cores: one task each, even though that is under the floor
    assertEquals(10 * MIB, CuboidScan.splitBytes(20 * MIB, MAX, 2));
    assertEquals(1, CuboidScan.splitBytes(1, MAX, 2));
  }

  @Test
  void theMaximumStillBounds() {
    assertEquals(MAX, CuboidScan.splitBytes(64L << 30, MAX, 2));
    assertEquals(4 * MIB, CuboidScan.splitBytes(256 * MIB, 4 * MIB, 2));
  }
}
