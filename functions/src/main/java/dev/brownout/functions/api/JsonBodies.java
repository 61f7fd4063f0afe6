package dev.brownout.functions.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Whether bytes are one well-formed JSON document, checked by streaming, without a tree. */
public final class JsonBodies {
  private static final JsonFactory JSON = new JsonFactory();

  private JsonBodies() {}

  public static boolean wellFormed(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
