package org.ndio.codec;

import org.ndio.NdioException;

/** A codec spec or numcodecs configuration that is malformed or out of range (named in it). */
public class InvalidCodecException extends NdioException {
  public InvalidCodecException(String message) {
    super(message);
  }

  public InvalidCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
