package org.ndio;

/** Valid input using a feature this ndio release does not implement (named in the message). */
public class UnsupportedFeatureException extends NdioException {
  public UnsupportedFeatureException(String message) {
    super(message);
  }

  public UnsupportedFeatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
