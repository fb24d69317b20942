package org.ndio;

/**
 * A remote profile file ({@code conf/ndio.yaml}) or the profile a URL asks for is unusable: the
 * file is missing or malformed, a field has a wrong value, or no profile fits the URL. The
 * message names the file and the field, never a token.
 */
public class ProfileException extends NdioException {
  public ProfileException(String message) {
    super(message);
  }
}
