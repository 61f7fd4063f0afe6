package dev.brownout.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./brownout chaos optional-down} as a user runs it, with no local cloud running: it starts
 * one, runs the scenario under traffic, prints its table and stops the cloud. It must not run
 * beside another local cloud (CI runs it sequentially with LocalCloudIT).
 */
class ChaosIT {
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();
  private static final Path LOG = Path.of("target", "chaos-it.log").toAbsolutePath();

  @Test
  void theOptionalDependencyDownScenarioPrintsRealFiguresAndStopsItsCloud() throws Exception {
    Files.createDirectories(LOG.getParent());
    long started = System.nanoTime();
    Process chaos =
        new ProcessBuilder(ROOT.resolve("brownout").toString(), "chaos", "optional-down")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(LOG.toFile())
            .start();
    boolean ended = chaos.waitFor(12, TimeUnit.MINUTES);
    if (!ended) {
      chaos.destroyForcibly();
    }
    String out = Files.readString(LOG);
    System.out.println(
        "chaos optional-down took "
            + Duration.ofNanos(System.nanoTime() - started).toSeconds()
            + " s");

    assertThat(ended).as("chaos ended; its output:\n%s", out).isTrue();
    assertThat(chaos.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("== optional-down:")
        .contains("chaos | stopping the local cloud it started");
    long requests = figure(out, "requests sent +\\| (\\d+)");
    long ok = figure(out, "answered 2xx +\\| (\\d+)");
    long failed = figure(out, "5xx or no answer \\(no fallback\\) +\\| (\\d+)");
    assertThat(requests).isGreaterThan(100);
    assertThat(ok + failed).isLessThanOrEqualTo(requests);
    Matcher sources = Pattern.compile("answered from \\(X-Served-From\\) +\\| (.*)").matcher(out);
    assertThat(sources.find()).isTrue();
    long bySource = 0;
    for (String part : sources.group(1).split(", ")) {
      bySource += Long.parseLong(part.substring(part.lastIndexOf(' ') + 1));
    }
    assertThat(bySource).as("every answered request has one source").isLessThanOrEqualTo(requests);
    assertThat(bySource).isGreaterThanOrEqualTo(requests - failed);
    // the recommendations' fallbacks answered while the dependency was down
    assertThat(sources.group(1)).containsAnyOf("degraded", "static");
    assertThat(out).containsPattern("fault to first fallback answer +\\| \\d+\\.\\d s");
    assertThat(out).containsPattern("fault to flags switched +\\| \\d+\\.\\d s");
    assertThat(Files.readString(ROOT.resolve(".brownout/local/chaos.md")))
        .contains("### `optional-down`")
        .contains("| requests sent | " + requests + " |");
  }

  private static long figure(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as("%s in\n%s", regex, out).isTrue();
    return Long.parseLong(m.group(1));
  }
}
