package org.ndio;

/**
 * A remote datastore answered with an error. The message names the request (never its token)
 * and quotes what the server said; {@link #status()} is the HTTP status, {@link
 * #serverMessage()} the server's own words.
 */
public class RemoteException extends NdioException {

  private final int status;
  private final String serverMessage;

  public RemoteException(String message, int status, String serverMessage) {
    super(message);
    this.status = status;
    this.serverMessage = serverMessage;
  }

  public RemoteException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.serverMessage = "";
  }

  /** The HTTP status, or -1 when no answer came (connection failures). */
  public int status() {
    return status;
  }

  public String serverMessage() {
    return serverMessage;
  }
}
