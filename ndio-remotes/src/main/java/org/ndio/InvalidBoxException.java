package org.ndio;

/** A bounding box or shape that is malformed, empty or inverted. */
public class InvalidBoxException extends NdioException {
  public InvalidBoxException(String message) {
    super(message);
  }

  public InvalidBoxException(String message, Throwable cause) {
    super(message, cause);
  }
}
