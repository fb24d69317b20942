package org.ndio;

/** A write would replace an existing volume and the caller did not ask to overwrite it. */
public class VolumeExistsException extends NdioException {
  public VolumeExistsException(String message) {
    super(message);
  }

  public VolumeExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
