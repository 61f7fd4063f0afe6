package dev.brownout.core.catalog;

import java.util.Map;

/** An answer written in the catalog: a status, headers and a body. */
public record CannedResponse(int status, Map<String, String> headers, String body) {
  public static final int DEFAULT_STATUS = 200;

  public CannedResponse {
    headers = Map.copyOf(headers);
  }
}
