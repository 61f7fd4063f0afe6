package dev.brownout.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.contract.StatusPaths;
import dev.brownout.core.ports.AnswerTally;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.StatusHistory;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.PublicReasons;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.api.status.StatusPage;
import dev.brownout.functions.api.status.StatusPageReads;
import dev.brownout.functions.api.status.StatusView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Brownout's own answers about the app: {@code GET /_brownout/status} (JSON) and {@code GET
 * /_brownout/} (the status page, HTML), both from one {@link StatusView}: the level and since when,
 * its reasons, every dependency's health, every flag and the override; the page adds the last
 * hour's level and health, the recent transitions and the share of answers by source. Both show
 * what {@link StatusPageReads} read, at most {@link StatusPageReads#REUSE_FOR} ago, and answer even
 * when the status table cannot be read: then they say so, with {@code X-Served-From: degraded}.
 * Errors are shown by kind only ({@link PublicReasons}): the endpoints may be public, and a check's
 * own words name hosts, tables and AWS principals.
 */
public final class StatusEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Catalog catalog;
  private final StatusPageReads reads;

  public StatusEndpoint(
      Catalog catalog, StatusBoard board, StatusHistory history, AnswerTally tally, Clock clock) {
    this(catalog, new StatusPageReads(catalog, board, history, tally, clock));
  }

  public StatusEndpoint(Catalog catalog, StatusPageReads reads) {
    this.catalog = catalog;
    this.reads = reads;
  }

  /**
   * Whether {@code path} is the page's, with or without its trailing slash: API Gateway also serves
   * it for {@code /_brownout}, its resource's own path.
   */
  public static boolean isPage(String path) {
    return path.equals(StatusPaths.PAGE) || path.equals(StatusPaths.PREFIX);
  }

  /**
   * The override as JSON when it is JSON; as the text stored otherwise (the workflow reports it).
   */
  private static JsonNode overrideNode(String stored) {
    try {
      return JSON.readTree(stored);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(stored);
    }
  }

  /** {@code GET /_brownout/status}. */
  public ApiResponse report(FlagSnapshot flags) {
    StatusView view = StatusView.of(catalog, reads.current().board(), flags);
    ObjectNode body = JSON.createObjectNode();
    body.put("app", view.app());
    body.put("level", view.level().name());
    if (!view.boardRead()) {
      body.put("statusTable", "unreachable");
    } else {
      view.record()
          .ifPresent(
              level -> {
                body.put("since", level.since().toString());
                ArrayNode reasons = body.putArray("reasons");
                level.reasons().forEach(reasons::add);
              });
      ArrayNode dependencies = body.putArray("dependencies");
      for (StatusView.DependencyView d : view.dependencies()) {
        ObjectNode node = dependencies.addObject();
        node.put("name", d.name());
        node.put("criticality", d.criticality().label());
        node.put("checked", d.status().isPresent());
        d.status()
            .ifPresent(
                s -> {
                  node.put("healthy", s.healthy());
                  node.put("consecutiveFailures", s.consecutiveFailures());
                  node.put("consecutiveSuccesses", s.consecutiveSuccesses());
                  s.lastCheck().ifPresent(t -> node.put("lastCheck", t.toString()));
                  s.lastChange().ifPresent(t -> node.put("lastChange", t.toString()));
                  s.lastLatency().ifPresent(l -> node.put("latencyMs", l.toMillis()));
                  s.lastError().ifPresent(e -> node.put("lastError", e));
                });
      }
      if (!view.problems().isEmpty()) {
        ArrayNode problems = body.putArray("problems");
        view.problems().forEach(problems::add);
      }
    }
    ObjectNode features = body.putObject("features");
    view.features().forEach(features::put);
    view.flagsReadAt()
        .ifPresentOrElse(
            t -> body.put("flagsReadAt", t.toString()),
            () -> body.put("flagsReadAt", "never: catalog defaults"));
    view.override()
        .ifPresentOrElse(
            o -> body.set("override", overrideNode(o)), () -> body.putNull("override"));
    try {
      return new ApiResponse(
          200,
          Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
          JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8),
          view.boardRead() ? ServedFrom.PRIMARY : ServedFrom.DEGRADED);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /** {@code GET /_brownout/}: one self-contained page that refreshes itself. */
  public ApiResponse page(FlagSnapshot flags) {
    StatusPage.Model model = reads.model(reads.current(), flags);
    return new ApiResponse(
        200,
        StatusPage.HEADERS,
        StatusPage.render(model).getBytes(StandardCharsets.UTF_8),
        model.unavailable().isEmpty() ? ServedFrom.PRIMARY : ServedFrom.DEGRADED);
  }
}
