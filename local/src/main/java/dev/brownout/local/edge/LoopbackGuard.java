package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.util.Locale;

/**
 * Keeps web pages out of the local cloud: it listens on loopback only, but a browser on this
 * machine would carry any page's requests there (a simple POST needs no preflight) and DNS
 * rebinding would give a foreign name to 127.0.0.1. A request is served when its {@code Host} is a
 * loopback name (or absent) and it carries no {@code Origin}, or a loopback one (a front end in
 * development on {@code http://localhost:5173} may call the API).
 */
public final class LoopbackGuard {
  private LoopbackGuard() {}

  /** Why the request is refused, or null when it may be served. */
  public static String refusal(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null && !isLoopback(hostOf(host))) {
      return "Host " + host + " is not this machine's loopback";
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null) {
      try {
        URI uri = URI.create(origin.strip());
        if (uri.getHost() == null || !isLoopback(uri.getHost())) {
          return "Origin " + origin + " is not this machine";
        }
      } catch (IllegalArgumentException e) {
        return "Origin " + origin + " is not a URL";
      }
    }
    return null;
  }

  static String hostOf(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(0, end + 1) : h;
    }
    int colon = h.lastIndexOf(':');
    return colon >= 0 ? h.substring(0, colon) : h;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("127.0.0.1")
        || h.equals("[::1]")
        || h.equals("::1");
  }
}
