package org.ndio;

/** Bytes that do not decode: truncated files, bad headers, checksum or size mismatches. */
public class CorruptDataException extends NdioException {
  public CorruptDataException(String message) {
    super(message);
  }

  public CorruptDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
