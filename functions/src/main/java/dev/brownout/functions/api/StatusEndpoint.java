package dev.brownout.functions.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.core.api.FlagSnapshot;
import dev.brownout.core.api.PublicReasons;
import dev.brownout.core.api.ServedFrom;
import dev.brownout.core.api.StatusBoard;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.DependencyStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /_brownout/status}: the level and since when, its reasons, every dependency's health,
 * every flag and the override. It answers even when the status table cannot be read: then it says
 * so, with {@code X-Served-From: degraded}. Errors are shown by kind only ({@link PublicReasons}):
 * the endpoint may be public, and a check's own words name hosts, tables and AWS principals.
 */
public final class StatusEndpoint {
  public static final String PATH = "/_brownout/status";
  private static final Logger LOG = LoggerFactory.getLogger(StatusEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Catalog catalog;
  private final StatusBoard board;

  public StatusEndpoint(Catalog catalog, StatusBoard board) {
    this.catalog = catalog;
    this.board = board;
  }

  /**
   * The override as JSON when it is JSON; as the text stored otherwise (the workflow reports it).
   */
  private static com.fasterxml.jackson.databind.JsonNode overrideNode(String stored) {
    try {
      return JSON.readTree(stored);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(stored);
    }
  }

  public ApiResponse report(FlagSnapshot flags) {
    ObjectNode body = JSON.createObjectNode();
    body.put("app", catalog.app());
    body.put("level", flags.level().name());
    ServedFrom servedFrom = ServedFrom.PRIMARY;
    StatusBoard.Board read = null;
    try {
      read = board.read();
    } catch (RuntimeException e) {
      LOG.warn("Cannot read the status table for the status endpoint: {}", e.getMessage());
      servedFrom = ServedFrom.DEGRADED;
      body.put("statusTable", "unreachable");
    }
    if (read != null) {
      read.level()
          .ifPresent(
              level -> {
                body.put("since", level.since().toString());
                ArrayNode reasons = body.putArray("reasons");
                level.reasons().forEach(reasons::add);
              });
      Map<String, DependencyStatus> statuses =
          read.statuses().stream()
              .collect(
                  Collectors.toMap(DependencyStatus::dependency, Function.identity(), (a, b) -> a));
      ArrayNode dependencies = body.putArray("dependencies");
      for (Dependency d : catalog.dependencies()) {
        ObjectNode node = dependencies.addObject();
        node.put("name", d.name());
        node.put("criticality", d.criticality().label());
        DependencyStatus s = statuses.get(d.name());
        if (s == null) {
          node.put("checked", false);
          continue;
        }
        node.put("checked", true);
        node.put("healthy", s.healthy());
        node.put("consecutiveFailures", s.consecutiveFailures());
        node.put("consecutiveSuccesses", s.consecutiveSuccesses());
        s.lastCheck().ifPresent(t -> node.put("lastCheck", t.toString()));
        s.lastChange().ifPresent(t -> node.put("lastChange", t.toString()));
        s.lastLatency().ifPresent(l -> node.put("latencyMs", l.toMillis()));
        s.lastError().ifPresent(e -> node.put("lastError", PublicReasons.ofCheckError(e)));
      }
      if (!read.malformed().isEmpty()) {
        ArrayNode problems = body.putArray("problems");
        read.malformed().stream().map(PublicReasons::withoutDetail).forEach(problems::add);
      }
    }
    ObjectNode features = body.putObject("features");
    flags.flags().forEach(features::put);
    flags
        .readAt()
        .ifPresentOrElse(
            t -> body.put("flagsReadAt", t.toString()),
            () -> body.put("flagsReadAt", "never: catalog defaults"));
    flags
        .override()
        .ifPresentOrElse(
            o -> body.set("override", overrideNode(o)), () -> body.putNull("override"));
    try {
      return new ApiResponse(
          200,
          Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
          JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
          servedFrom);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }
}
