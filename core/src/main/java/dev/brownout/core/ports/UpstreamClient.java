package dev.brownout.core.ports;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Calls an upstream service over HTTP. */
public interface UpstreamClient {

  /**
   * A request to an upstream.
   *
   * @param headers the client's headers that may travel upstream, lower-case names
   */
  record Call(String method, URI url, Map<String, String> headers, byte[] body, Duration timeout) {
    public Call {
      headers = Map.copyOf(headers);
    }
  }

  /** An answer that is a proper HTTP answer (any status), with headers in lower case. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    public Answer {
      headers = Map.copyOf(headers);
    }
  }

  /** The upstream could not be reached or answered something that is not a usable answer. */
  final class UpstreamFailure extends Exception {
    public UpstreamFailure(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Returns every proper HTTP answer, whatever its status and content type: whether the client
   * accepts that type is for the caller to decide, not a failure. The answer's hop-by-hop headers
   * (RFC 9110 7.6.1) are left out.
   *
   * @throws UpstreamFailure when there is no usable answer: refused, timed out, broken off, not
   *     HTTP, a body over the adapter's size limit, or, for a GET or HEAD only, a body that
   *     contradicts its JSON content type. The answer to any other method (POST, PUT, PATCH,
   *     DELETE, ...) is returned as is once it came, malformed or not: the upstream answered, so
   *     the request was applied and must never look undelivered.
   */
  Answer call(Call call) throws UpstreamFailure;
}
