package org.ndio;

/** The file, directory, dataset, array or remote resource a URL names does not exist. */
public class VolumeNotFoundException extends NdioException {
  public VolumeNotFoundException(String message) {
    super(message);
  }

  public VolumeNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
