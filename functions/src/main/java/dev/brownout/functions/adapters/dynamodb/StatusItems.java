package dev.brownout.functions.adapters.dynamodb;

import dev.brownout.core.contract.StatusTableKeys;
import dev.brownout.core.policy.DependencyStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A dependency status as a status-table item, and back. */
final class StatusItems {
  static final String VERSION = "version";
  static final String FLIP_COUNT = "flipCount";
  static final String LAST_FLIP = "lastFlip";
  private static final Logger LOG = LoggerFactory.getLogger(StatusItems.class);

  private StatusItems() {}

  static Map<String, AttributeValue> statusKey(String dependency) {
    return Map.of(
        "pk", AttributeValue.fromS(StatusTableKeys.STATUS), "sk", AttributeValue.fromS(dependency));
  }

  static Map<String, AttributeValue> statusItem(DependencyStatus status, long version) {
    Map<String, AttributeValue> item = new HashMap<>(statusKey(status.dependency()));
    item.put("dependency", AttributeValue.fromS(status.dependency()));
    item.put("healthy", AttributeValue.fromBool(status.healthy()));
    item.put("consecutiveFailures", number(status.consecutiveFailures()));
    item.put("consecutiveSuccesses", number(status.consecutiveSuccesses()));
    status.lastCheck().ifPresent(t -> item.put("lastCheck", AttributeValue.fromS(t.toString())));
    status.lastChange().ifPresent(t -> item.put("lastChange", AttributeValue.fromS(t.toString())));
    status.lastLatency().ifPresent(l -> item.put("latencyMs", number(l.toMillis())));
    status.lastError().ifPresent(e -> item.put("lastError", AttributeValue.fromS(e)));
    item.put(VERSION, number(version));
    return item;
  }

  /**
   * The status an item holds. A missing item is a dependency never checked; a malformed one (edited
   * by hand, written by another version) is logged and treated the same, so the next write repairs
   * it instead of failing every check.
   */
  static DependencyStatus status(String dependency, Map<String, AttributeValue> item) {
    if (item == null || item.isEmpty()) {
      return DependencyStatus.unchecked(dependency);
    }
    try {
      return parse(dependency, item);
    } catch (RuntimeException e) {
      LOG.warn(
          "The status item of {} is malformed ({}); counting from an unchecked status again",
          dependency,
          e.toString());
      return DependencyStatus.unchecked(dependency);
    }
  }

  /**
   * @throws RuntimeException saying what is malformed
   */
  static DependencyStatus parse(String dependency, Map<String, AttributeValue> item) {
    return new DependencyStatus(
        dependency,
        required(item, "healthy").bool(),
        Math.toIntExact(number(item, "consecutiveFailures").orElseThrow()),
        Math.toIntExact(number(item, "consecutiveSuccesses").orElseThrow()),
        text(item, "lastCheck").map(Instant::parse),
        text(item, "lastChange").map(Instant::parse),
        number(item, "latencyMs").map(Duration::ofMillis),
        text(item, "lastError"));
  }

  static long version(Map<String, AttributeValue> item) {
    try {
      return number(item, VERSION).orElse(0L);
    } catch (RuntimeException e) {
      return 0L;
    }
  }

  static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item)
        .map(m -> m.get(name))
        .map(AttributeValue::n)
        .map(Long::parseLong);
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
  }

  private static AttributeValue required(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    if (value == null || value.bool() == null) {
      throw new IllegalArgumentException(name + " is missing or not a boolean");
    }
    return value;
  }

  private static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
