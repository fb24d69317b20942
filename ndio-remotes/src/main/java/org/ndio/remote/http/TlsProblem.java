package org.ndio.remote.http;

import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Tells a failed TLS handshake (untrusted, expired or misnamed certificate) from other I/O. */
final class TlsProblem {

  private TlsProblem() {}

  /** The handshake failure behind {@code e}, if that is what it is. */
  static Optional<Throwable> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
          || t instanceof CertificateException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The deepest cause's words, e.g. "unable to find valid certification path ...". */
  static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }
}
