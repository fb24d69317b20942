package org.ndio;

/**
 * A RAMON annotation object, or a file or reply holding some, that ndio cannot accept: an
 * unknown type or enumeration code, a missing or malformed field, a link to an object that
 * does not exist. Nothing is stored when one is thrown.
 */
public class RamonException extends NdioException {
  public RamonException(String message) {
    super(message);
  }

  public RamonException(String message, Throwable cause) {
    super(message, cause);
  }
}
