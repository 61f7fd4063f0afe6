package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A request's body, read only when a part of the edge needs it, and then at most {@link #LIMIT}
 * bytes: what is forwarded to moto unread streams through, so no request is ever held in memory
 * whole unless something here must look at it.
 */
public final class RequestBody {
  /** The most the edge reads into memory: DynamoDB's largest request, above Lambda's 6 MB. */
  public static final int LIMIT = 16 * 1024 * 1024;

  /** The body is larger than the edge reads into memory. */
  public static final class TooLarge extends IOException {
    TooLarge(long size) {
      super("the request body has more than " + LIMIT + " bytes (" + size + ")");
    }
  }

  private final HttpExchange exchange;
  private byte[] bytes;

  RequestBody(HttpExchange exchange) {
    this.exchange = exchange;
  }

  /** For tests and routes that build answers from bytes they already have. */
  public static RequestBody of(HttpExchange exchange, byte[] bytes) {
    RequestBody body = new RequestBody(exchange);
    body.bytes = bytes;
    return body;
  }

  /**
   * @throws TooLarge beyond {@link #LIMIT} (declared or read)
   */
  public byte[] bytes() throws IOException {
    if (bytes == null) {
      OptionalLong declared = declaredLength();
      if (declared.isPresent() && declared.getAsLong() > LIMIT) {
        throw new TooLarge(declared.getAsLong());
      }
      try (InputStream in = exchange.getRequestBody()) {
        byte[] read = in.readNBytes(LIMIT + 1);
        if (read.length > LIMIT) {
          throw new TooLarge(read.length);
        }
        bytes = read;
      }
    }
    return bytes;
  }

  boolean wasRead() {
    return bytes != null;
  }

  /** The body as a stream: the bytes read so far, or the request's own stream. */
  InputStream stream() {
    return bytes != null ? new ByteArrayInputStream(bytes) : exchange.getRequestBody();
  }

  /** The {@code Content-Length} the client declared, if it did. */
  OptionalLong declaredLength() {
    String value = exchange.getRequestHeaders().getFirst("Content-Length");
    try {
      return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
