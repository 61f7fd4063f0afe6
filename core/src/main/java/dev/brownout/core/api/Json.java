package dev.brownout.core.api;

import dev.brownout.core.internal.JsonText;

/** Just enough JSON for bodies the core writes itself: quoted strings. */
public final class Json {
  private Json() {}

  public static String quote(String text) {
    return '"' + JsonText.escape(text) + '"';
  }
}
