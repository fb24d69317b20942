package org.ndio;

/**
 * Base of every error ndio reports about its input or its stores. The message is a complete
 * sentence a user can act on (it names the URL, file, box or field at fault), so command-line
 * front ends print it alone, without a stack trace.
 */
public class NdioException extends RuntimeException {
  public NdioException(String message) {
    super(message);
  }

  public NdioException(String message, Throwable cause) {
    super(message, cause);
  }
}
