package io.iamgate.authn;

/**
 * Credentials that are missing or invalid: the caller gets a 401. The message says why (for logs).
 */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message, null, false, false);
  }
}
