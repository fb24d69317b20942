package org.ndio;

/**
 * A remote's TLS handshake failed: its certificate is not trusted, names another host, or has
 * expired. Not retried, since trying again cannot help. The message names the host.
 */
public class TlsException extends RemoteException {
  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
