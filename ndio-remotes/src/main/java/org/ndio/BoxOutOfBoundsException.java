package org.ndio;

/** A bounding box reaches outside the volume it is applied to. */
public class BoxOutOfBoundsException extends NdioException {
  public BoxOutOfBoundsException(String message) {
    super(message);
  }

  public BoxOutOfBoundsException(String message, Throwable cause) {
    super(message, cause);
  }
}
