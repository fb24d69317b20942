package org.ndio;

/** A volume URL that cannot be parsed, or names a scheme no format or remote handles. */
public class InvalidUrlException extends NdioException {
  public InvalidUrlException(String message) {
    super(message);
  }

  public InvalidUrlException(String message, Throwable cause) {
    super(message, cause);
  }
}
