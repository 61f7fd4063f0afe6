package dev.brownout.functions.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.Criticality;
import dev.brownout.core.Level;
import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.core.policy.DependencyStatus;
import dev.brownout.core.ports.AnswerTally.Minute;
import dev.brownout.core.ports.StatusBoard;
import dev.brownout.core.ports.StatusBoard.LevelRecord;
import dev.brownout.core.ports.StatusHistory.Check;
import dev.brownout.core.ports.StatusHistory.Read;
import dev.brownout.core.ports.StatusHistory.Transition;
import dev.brownout.core.serving.FlagSnapshot;
import dev.brownout.core.serving.ServedFrom;
import dev.brownout.functions.testing.ShopCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The status page as a browser would read it, rendered from a fixed model without AWS. */
class StatusPageTest {
  private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
  private static final Catalog CATALOG =
      CatalogLoader.parse("shop.yaml", ShopCatalog.yaml("http://up.internal"));
  private static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>";

  private static FlagSnapshot flags(Level level, Optional<String> override) {
    return new FlagSnapshot(
        level, Map.of("live-prices", false), override, Optional.of(NOW.minusSeconds(5)), List.of());
  }

  private static DependencyStatus pricing() {
    return new DependencyStatus(
        "pricing",
        false,
        4,
        0,
        Optional.of(NOW.minusSeconds(8)),
        Optional.of(NOW.minus(Duration.ofMinutes(12))),
        Optional.of(Duration.ofMillis(137)),
        Optional.of("status 503, expected 2xx"));
  }

  private static StatusView view(Level level, List<String> reasons, Optional<String> override) {
    StatusBoard board =
        () ->
            new StatusBoard.Board(
                List.of(pricing()),
                Optional.of(
                    new LevelRecord(
                        level, NOW.minus(Duration.ofMinutes(10)), reasons, 3, Optional.empty())),
                List.of());
    return StatusView.of(CATALOG, Optional.of(board.read()), flags(level, override));
  }

  private static Document render(StatusPage.Model model) {
    return Jsoup.parse(StatusPage.render(model));
  }

  private static StatusPage.Model full(StatusView view, List<Transition> audit) {
    return new StatusPage.Model(
        NOW,
        view,
        Optional.of(new Read<>(audit, true)),
        Map.of(
            "pricing",
            new Read<>(
                List.of(
                    new Check(NOW.minusSeconds(8), false, false, Optional.empty()),
                    new Check(NOW.minus(Duration.ofMinutes(13)), true, true, Optional.empty())),
                true),
            "catalog-service",
            new Read<>(List.of(), true),
            "orders",
            new Read<>(List.of(), true)),
        Optional.of(
            List.of(
                new Minute(
                    NOW.minus(Duration.ofMinutes(1)),
                    Map.of(ServedFrom.PRIMARY, 6L, ServedFrom.CACHE, 2L)),
                new Minute(NOW.minus(Duration.ofMinutes(30)), Map.of(ServedFrom.PRIMARY, 12L)))),
        List.of());
  }

  private static Transition transition(Duration ago, Level from, Level to, String reason) {
    return new Transition(NOW.minus(ago), from, to, List.of(reason), Optional.empty());
  }

  @Test
  void theLevelIsShownByNameColourAndSinceWhenWithItsReasons() {
    Document page =
        render(
            full(
                view(Level.REDUCED, List.of("pricing is unhealthy"), Optional.empty()), List.of()));

    Element level = page.getElementById("level");
    assertThat(level.text()).isEqualTo("REDUCED");
    assertThat(level.attr("data-level")).isEqualTo("REDUCED");
    assertThat(level.parent().classNames()).contains("reduced");
    assertThat(page.select("#since time").attr("datetime")).isEqualTo("2026-11-27T10:50:00Z");
    assertThat(page.getElementById("since").text()).contains("(10 min ago)");
    assertThat(page.select("#reasons li").eachText()).containsExactly("pricing is unhealthy");
    assertThat(page.title()).isEqualTo("shop: REDUCED - Brownout");
    assertThat(page.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("15");
  }

  @Test
  void everyCatalogDependencyHasARowWithHealthLatencyLastChangeAndTheErrorsKindOnly() {
    Document page = render(full(view(Level.REDUCED, List.of(), Optional.empty()), List.of()));

    var rows = page.select("table#dependencies tbody tr");
    assertThat(rows.eachAttr("data-dependency"))
        .containsExactly("catalog-service", "pricing", "orders");
    Element pricing = rows.get(1);
    assertThat(pricing.attr("data-health")).isEqualTo("unhealthy");
    assertThat(pricing.select("td").eachText())
        .containsExactly(
            "pricing",
            "important",
            "unhealthy",
            "137 ms",
            "10:59:52 (8 s ago)",
            "10:48:00 (12 min ago)",
            "4 failures",
            "status 503, expected 2xx");
    assertThat(rows.get(0).attr("data-health")).isEqualTo("not checked");
  }

  @Test
  void theTimelineDrawsTheLevelAndEachDependencysHealthOverTheHourWithTimeLabels() {
    Document page =
        render(
            full(
                view(Level.REDUCED, List.of(), Optional.empty()),
                List.of(transition(Duration.ofMinutes(10), Level.FULL, Level.REDUCED, "pricing"))));

    Element svg = page.selectFirst("svg#timeline");
    assertThat(svg.select("rect.full").first().selectFirst("title").text())
        .isEqualTo("FULL, 10:00:00 to 10:50:00 UTC");
    assertThat(svg.select("rect.reduced").first().selectFirst("title").text())
        .isEqualTo("REDUCED, 10:50:00 to 11:00:00 UTC");
    assertThat(svg.select("rect.h-unhealthy").first().selectFirst("title").text())
        .isEqualTo("pricing: unhealthy, 10:59:30 to 11:00:00 UTC");
    assertThat(svg.select("text.tick").eachText())
        .containsExactly("10:00", "10:10", "10:20", "10:30", "10:40", "10:50", "now (11:00 UTC)");
    assertThat(svg.select("text.lane-name").eachText())
        .containsExactly("catalog-service", "pricing", "orders");
  }

  @Test
  void flagsOverrideTransitionsAndTheShareOfAnswersBySourceAreShown() {
    Document page =
        render(
            full(
                view(Level.MINIMAL, List.of(), Optional.of("{\"level\":\"MINIMAL\"}")),
                List.of(
                    transition(Duration.ofMinutes(10), Level.FULL, Level.MINIMAL, "pinned"),
                    transition(Duration.ofHours(3), Level.REDUCED, Level.FULL, "all healthy"))));

    assertThat(page.select("#flags tr[data-feature=live-prices]").attr("data-on"))
        .isEqualTo("false");
    assertThat(page.select("#flags tr[data-feature=live-prices] td").eachText())
        .containsExactly("live-prices", "off");
    assertThat(page.select("#override pre").text()).isEqualTo("{\"level\":\"MINIMAL\"}");
    assertThat(page.select("#transitions tbody tr").eachText())
        .containsExactly(
            "10:50:00 (10 min ago) FULL → MINIMAL pinned",
            "08:00:00 (3 h 0 min ago) REDUCED → FULL all healthy");
    assertThat(page.select("#answers tr[data-source=primary] td").eachText())
        .containsExactly("primary", "6", "75.0 %", "18", "90.0 %");
    assertThat(page.select("#answers tr[data-source=cache] td").eachText())
        .containsExactly("cache", "2", "25.0 %", "2", "10.0 %");
  }

  @Test
  void hostileTextInReasonsOverrideProblemsAndNamesIsEscapedNeverMarkup() {
    StatusView hostile =
        new StatusView(
            "shop",
            Level.REDUCED,
            true,
            Optional.of(
                new LevelRecord(Level.REDUCED, NOW, List.of(HOSTILE), 1, Optional.of(HOSTILE))),
            List.of(
                new StatusView.DependencyView(HOSTILE, Criticality.IMPORTANT, Optional.empty())),
            List.of(HOSTILE),
            Map.of(HOSTILE, true),
            Optional.empty(),
            Optional.of(HOSTILE));
    Transition audit =
        new Transition(NOW, Level.FULL, Level.REDUCED, List.of(HOSTILE), Optional.of(HOSTILE));
    String html =
        StatusPage.render(
            new StatusPage.Model(
                NOW,
                hostile,
                Optional.of(new Read<>(List.of(audit), true)),
                Map.of(HOSTILE, new Read<>(List.of(), true)),
                Optional.of(List.of()),
                List.of(HOSTILE)));
    Document page = Jsoup.parse(html);

    assertThat(html).doesNotContain("<script").doesNotContain("<img");
    assertThat(page.select("script, img")).isEmpty();
    assertThat(page.select("#reasons li").text()).isEqualTo(HOSTILE);
    assertThat(page.select("#override pre").text()).isEqualTo(HOSTILE);
    assertThat(page.select("#transitions tbody li").first().text()).isEqualTo(HOSTILE);
    assertThat(page.select("#dependencies tbody tr").attr("data-dependency")).isEqualTo(HOSTILE);
    assertThat(page.select("#unavailable li").text()).isEqualTo(HOSTILE);
    assertThat(page.select("#problems li").text()).isEqualTo(HOSTILE);
    assertThat(page.select("svg#timeline text.lane-name").first().text()).isEqualTo(HOSTILE);
  }

  @Test
  void anUnreadableStatusTableIsSaidAndTheLevelAndFlagsTheApiActsOnAreStillShown() {
    StatusView view =
        StatusView.of(CATALOG, Optional.empty(), flags(Level.REDUCED, Optional.empty()));
    Document page =
        render(
            new StatusPage.Model(
                NOW,
                view,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                List.of("dependency health and the level's reasons", "the share of answers")));

    assertThat(page.select("#unavailable li").eachText())
        .containsExactly("dependency health and the level's reasons", "the share of answers");
    assertThat(page.getElementById("level").attr("data-level")).isEqualTo("REDUCED");
    assertThat(page.getElementById("since").text()).contains("could not be read");
    assertThat(page.select("table#dependencies tbody tr").eachAttr("data-health"))
        .containsExactly("unknown", "unknown", "unknown");
    assertThat(page.select("svg#timeline text.lane-name").eachText()).contains("could not be read");
    assertThat(page.select("#answers").text()).contains("Not available");
    assertThat(page.select("#transitions").text()).contains("Not available");
    assertThat(page.select("#flags tr[data-feature=live-prices]").attr("data-on"))
        .isEqualTo("false");
    assertThat(page.text()).doesNotContain("timed out");
  }

  @Test
  void thePageLoadsNothingFromAnywhereAndRunsNoScript() {
    String html =
        StatusPage.render(
            full(
                view(Level.EMERGENCY, List.of("x"), Optional.of("{}")),
                List.of(transition(Duration.ofMinutes(5), Level.FULL, Level.EMERGENCY, "db"))));
    Document page = Jsoup.parse(html);

    assertThat(page.select("[src], [href], script, link, iframe, object, embed")).isEmpty();
    assertThat(html.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("http:")
        .doesNotContain("https:")
        .doesNotContain("url(")
        .doesNotContain("@import");
    assertThat(page.getAllElements().stream().flatMap(e -> e.attributes().asList().stream()))
        .noneMatch(a -> a.getKey().startsWith("on"));
  }

  @Test
  void theHeadersForbidCachingSniffingFramingAndEverySourceButInlineStyles() {
    assertThat(StatusPage.HEADERS)
        .containsEntry("Content-Type", "text/html; charset=utf-8")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")
        .containsEntry("X-Content-Type-Options", "nosniff");
  }

  /** Checks of {@code dependency}'s lane that change its state in every 30 s bin of the hour. */
  private static Read<Check> flappingEveryBin() {
    List<Check> checks = new java.util.ArrayList<>();
    for (int i = 0; i < 2 * StatusPage.BINS; i++) {
      // two checks per bin, 15 s apart: one fails the dependency, the next heals it
      checks.add(
          new Check(NOW.minusSeconds(15L * i + 1), i % 2 == 0, i % 4 != 1, Optional.empty()));
    }
    return new Read<>(checks, true);
  }

  private static int bytes(Catalog catalog, boolean flapping) {
    Map<String, Read<Check>> lanes = new java.util.LinkedHashMap<>();
    catalog
        .dependencies()
        .forEach(
            d -> lanes.put(d.name(), flapping ? flappingEveryBin() : new Read<>(List.of(), true)));
    StatusView view = StatusView.of(catalog, Optional.empty(), FlagSnapshot.defaults(catalog));
    return StatusPage.render(
            new StatusPage.Model(
                NOW,
                view,
                Optional.of(new Read<>(List.of(), true)),
                lanes,
                Optional.of(List.of()),
                List.of()))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)
        .length;
  }

  @Test
  void aDependencyThatFlapsAllHourDrawsAtMostOneShapePerBinAndAddsAtMost20KibToThePage() {
    Document page =
        render(
            new StatusPage.Model(
                NOW,
                view(Level.FULL, List.of(), Optional.empty()),
                Optional.of(new Read<>(List.of(), true)),
                Map.of("pricing", flappingEveryBin()),
                Optional.of(List.of()),
                List.of()));
    int perDependency =
        (bytes(CATALOG, true) - bytes(CATALOG, false)) / CATALOG.dependencies().size();

    assertThat(page.select("svg#timeline rect[class^=h-]").eachAttr("class"))
        .hasSize(StatusPage.BINS)
        .containsOnly("h-unhealthy", "h-failing");
    assertThat(perDependency).isLessThanOrEqualTo(20 * 1024);
  }
}
