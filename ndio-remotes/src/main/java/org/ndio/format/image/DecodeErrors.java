package org.ndio.format.image;

import org.ndio.CorruptDataException;
import org.ndio.NdioException;

/**
 * Errors of the ImageIO codecs (IIOException, EOF, runtime errors on bad bytes) as one typed
 * error naming the file; ndio's own errors pass unchanged.
 */
public final class DecodeErrors {

  private DecodeErrors() {}

  public static NdioException of(String where, String format, Exception e) {
    if (e instanceof NdioException n) {
      return n;
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CorruptDataException(where + ": not a readable " + format + ": " + msg, e);
  }
}
