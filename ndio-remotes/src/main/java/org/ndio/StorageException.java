package org.ndio;

/** An I/O failure of the file system or object store under a volume (permissions, disk full). */
public class StorageException extends NdioException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
