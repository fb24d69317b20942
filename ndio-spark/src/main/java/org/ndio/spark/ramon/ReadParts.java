package org.ndio.spark.ramon;

import java.util.Optional;
import org.ndio.remote.RamonRead;
import org.ndio.volume.BoundingBox;

/** A {@link RamonRead} put back together from the parts that travel to executors. */
final class ReadParts {

  private ReadParts() {}

  static RamonRead how(RamonRead.Kind kind, int level, long[] box) {
    return new RamonRead(kind, level, box == null ? Optional.empty()
        : Optional.of(new BoundingBox(box[0], box[1], box[2], box[3], box[4], box[5], level)));
  }
}
