package org.ndio.remote.dvid;

import org.ndio.NdioException;

/**
 * A write to a committed DVID version node: committed nodes are read-only. Write to a child
 * made with {@code newversion} or {@code branch} instead.
 */
public class LockedNodeException extends NdioException {
  public LockedNodeException(String message) {
    super(message);
  }
}
