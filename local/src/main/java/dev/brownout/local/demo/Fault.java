package dev.brownout.local.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A fault that can be switched on a demo dependency. {@link #UP} is healthy; the others break it in
 * the ways Brownout must survive.
 */
public enum Fault {
  /** Healthy: every request is answered at once. */
  UP,
  /** Connection refused: the service's listening socket is closed (a table's requests fail). */
  DOWN,
  /** Every answer comes only after the dependency's longest timeout and a margin have passed. */
  SLOW,
  /** Every request, health included, is answered 503 with a JSON body. */
  ERROR,
  /** Every other request fails with 503, health included: the first, third, fifth... */
  FLAKY;

  /** The fault's name as users write it: {@code down}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every fault's label, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Fault::label).toList();
  }

  /**
   * Reads a fault's label, ignoring case and surrounding white space.
   *
   * @throws IllegalArgumentException quoting the text and listing the allowed labels
   */
  public static Fault parse(String text) {
    String label = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Fault fault : values()) {
      if (fault.label().equals(label)) {
        return fault;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault \""
            + (text == null ? "" : text.strip())
            + "\"; expected one of "
            + String.join(", ", labels()));
  }

  @Override
  public String toString() {
    return label();
  }
}
