package org.ndio.remote.neurodata;

import org.ndio.CorruptDataException;

/** ndstore's propagate states of a channel, as {@code getPropagate/} answers them. */
public enum PropagateStatus {
  /** Only the channel's own level holds data (0). */
  NOT_PROPAGATED(0),
  /** The server is building the lower resolution levels (1). */
  UNDER_PROPAGATION(1),
  /** Every level is built (2); ndstore then treats the channel as complete. */
  PROPAGATED(2);

  private final int code;

  PropagateStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static PropagateStatus of(int code, String where) {
    for (PropagateStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new CorruptDataException(where + ": unknown propagate state " + code
        + " (ndstore has 0, 1 and 2)");
  }
}
