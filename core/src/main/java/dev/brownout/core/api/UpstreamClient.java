package dev.brownout.core.api;

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
   * @throws UpstreamFailure when there is no usable answer: refused, timed out, broken off, not
   *     HTTP, or a body that contradicts its content type
   */
  Answer call(Call call) throws UpstreamFailure;
}
