package dev.brownout.functions.adapters.http;

import dev.brownout.core.catalog.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Why an HTTP request to a dependency failed, in words an operator can act on. */
final class HttpErrors {
  private HttpErrors() {}

  /** The most telling cause in the chain of {@code e}. */
  static String describe(URI url, Duration timeout, Throwable e) {
    String target = url.getHost() + ":" + port(url);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "could not connect to " + target + " within the connect timeout";
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out after " + Durations.format(timeout);
      }
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return "DNS lookup failed for " + url.getHost();
      }
      if (t instanceof SSLException) {
        return "TLS handshake with " + target + " failed: " + message(t);
      }
      if (t instanceof ConnectException) {
        // java.net.http reports an unresolvable host as a plain ConnectException.
        return resolves(url.getHost())
            ? "connection to " + target + " refused"
            : "DNS lookup failed for " + url.getHost();
      }
    }
    Throwable root = e;
    while (root.getCause() != null && !(root instanceof IOException)) {
      root = root.getCause();
    }
    return (root instanceof IOException ? "I/O error talking to " + target + ": " : "")
        + message(root);
  }

  static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static int port(URI url) {
    return url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
  }
}
