package org.ndio;

/** A data type that is unknown, unsupported by a format, or does not match the target. */
public class DataTypeException extends NdioException {
  public DataTypeException(String message) {
    super(message);
  }

  public DataTypeException(String message, Throwable cause) {
    super(message, cause);
  }
}
