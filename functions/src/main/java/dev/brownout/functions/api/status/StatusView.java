package dev.brownout.functions.api.status;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.StatusBoard.LevelRecord;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.PublicReasons;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What both status answers show, the JSON ({@code /_brownout/status}) and the page ({@code
 * /_brownout/}): the level the API acts on, the workflow's level record, every catalog dependency
 * with its status, the flags and the override. Only words safe for anyone to read are kept: check
 * errors by kind ({@link PublicReasons}), the level's reasons and malformed items without their
 * detail.
 *
 * @param level the level the API acts on (its cached parameter)
 * @param boardRead the status table answered; when it did not, {@code record} is empty and every
 *     dependency's status unknown
 * @param dependencies every catalog dependency in catalog order; the status is empty when the
 *     dependency was never checked or the table could not be read
 * @param problems status items that could not be read, without their detail
 */
public record StatusView(
    String app,
    Level level,
    boolean boardRead,
    Optional<LevelRecord> record,
    List<DependencyView> dependencies,
    List<String> problems,
    Map<String, Boolean> features,
    Optional<Instant> flagsReadAt,
    Optional<String> override) {
  public StatusView {
    dependencies = List.copyOf(dependencies);
    problems = List.copyOf(problems);
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
  }

  /**
   * @param status with its error in public words; empty when never checked or not read
   */
  public record DependencyView(
      String name, Criticality criticality, Optional<DependencyStatus> status) {}

  /**
   * @param read the status board, or empty when it could not be read
   */
  public static StatusView of(
      Catalog catalog, Optional<StatusBoard.Board> read, FlagSnapshot flags) {
    Map<String, DependencyStatus> statuses =
        read.map(StatusBoard.Board::statuses).orElse(List.of()).stream()
            .collect(
                Collectors.toMap(DependencyStatus::dependency, Function.identity(), (a, b) -> a));
    List<DependencyView> dependencies = new ArrayList<>();
    for (Dependency d : catalog.dependencies()) {
      dependencies.add(
          new DependencyView(
              d.name(),
              d.criticality(),
              Optional.ofNullable(statuses.get(d.name())).map(StatusView::inPublicWords)));
    }
    return new StatusView(
        catalog.app(),
        flags.level(),
        read.isPresent(),
        read.flatMap(StatusBoard.Board::level).map(StatusView::inPublicWords),
        dependencies,
        read.map(b -> b.malformed().stream().map(PublicReasons::withoutDetail).toList())
            .orElse(List.of()),
        flags.flags(),
        flags.readAt(),
        flags.override());
  }

  private static LevelRecord inPublicWords(LevelRecord r) {
    return new LevelRecord(
        r.level(),
        r.since(),
        r.reasons().stream().map(PublicReasons::ofLevelReason).toList(),
        r.version(),
        r.override());
  }

  private static DependencyStatus inPublicWords(DependencyStatus s) {
    return new DependencyStatus(
        s.dependency(),
        s.healthy(),
        s.consecutiveFailures(),
        s.consecutiveSuccesses(),
        s.lastCheck(),
        s.lastChange(),
        s.lastLatency(),
        s.lastError().map(PublicReasons::ofCheckError));
  }
}
