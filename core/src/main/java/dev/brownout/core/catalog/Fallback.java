package dev.brownout.core.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a route's fallback chain, tried in the catalog's order when the primary cannot
 * answer.
 */
public sealed interface Fallback {

  /**
   * The catalog's key for this kind of fallback. An answer of the step says the same word in {@code
   * X-Served-From} ({@code ServedFrom}), except {@code readOnly}'s refusal, which is served as
   * {@code degraded}.
   */
  String kind();

  /** Whether this step answers whatever happens. Nothing after such a step can ever be reached. */
  default boolean alwaysAnswers() {
    return false;
  }

  /**
   * The last good primary answer, if younger than {@code maxStaleness}.
   *
   * @param queryKeys the query parameters that are part of the cache key; all others are ignored
   * @param publicCacheable whether answers to requests that carried {@code Authorization} may be
   *     cached (never by default)
   */
  record Cache(Duration maxStaleness, List<String> queryKeys, boolean publicCacheable)
      implements Fallback {
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(5);

    public Cache {
      queryKeys = List.copyOf(queryKeys);
    }

    @Override
    public String kind() {
      return "cache";
    }
  }

  /** Another service that can answer the same request. */
  record Alternative(Upstream upstream) implements Fallback {
    @Override
    public String kind() {
      return "alternative";
    }
  }

  /** A fixed answer from the catalog. */
  record Static(CannedResponse response) implements Fallback {
    @Override
    public String kind() {
      return "static";
    }

    @Override
    public boolean alwaysAnswers() {
      return true;
    }
  }

  /**
   * A reduced answer: either a cheaper call ({@code upstream}, e.g. the primary with a smaller
   * query) or a body template filled from the path parameters ({@code response}). Exactly one is
   * present.
   */
  record Degraded(Optional<Upstream> upstream, Optional<CannedResponse> response)
      implements Fallback {
    @Override
    public String kind() {
      return "degraded";
    }

    @Override
    public boolean alwaysAnswers() {
      return response.isPresent();
    }
  }

  /**
   * For writes: accept the request (202), keep it durably and replay it when the dependency is
   * back.
   */
  record Queue(int maxAttempts) implements Fallback {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    @Override
    public String kind() {
      return "queue";
    }

    @Override
    public boolean alwaysAnswers() {
      return true;
    }
  }

  /** For writes: refuse clearly with 503 while the dependency is down. */
  record ReadOnly(String message) implements Fallback {
    public static final String DEFAULT_MESSAGE = "Writes are paused while a dependency recovers.";

    @Override
    public String kind() {
      return "readOnly";
    }

    @Override
    public boolean alwaysAnswers() {
      return true;
    }
  }
}
