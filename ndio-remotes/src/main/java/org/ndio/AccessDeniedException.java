package org.ndio;

/** A remote refused the request for want of a valid token (HTTP 401 or 403). */
public class AccessDeniedException extends RemoteException {
  public AccessDeniedException(String message, int status, String serverMessage) {
    super(message, status, serverMessage);
  }
}
