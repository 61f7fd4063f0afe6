package dev.brownout.local.chaos;

import dev.brownout.core.catalog.Catalog;
import dev.brownout.core.catalog.CatalogLoader;
import dev.brownout.local.Console;
import dev.brownout.local.LocalCloud;
import dev.brownout.local.LocalSettings;
import dev.brownout.local.aws.LocalAws;
import dev.brownout.local.demo.AwsFaults;
import dev.brownout.local.demo.AwsTargets;
import dev.brownout.local.process.LocalState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./brownout chaos [scenario...]}: runs the chosen scenarios (all when none is named)
 * against the local cloud that is running, or one started in this JVM for the run and stopped at
 * its end; prints a table per scenario and a summary, and writes them as Markdown to {@link
 * #REPORT} in the local cloud's work directory. {@code --list} prints the scenarios and the fault
 * names.
 *
 * <p>Exit status: 0 when every scenario ran (a missed target is reported, not a failure), 1 when
 * one could not run or no local cloud could be started, 2 on a usage error.
 */
public final class Chaos {
  static final String REPORT = "chaos.md";

  private Chaos() {}

  public static int run(LocalSettings settings, String python, List<String> args, PrintStream out) {
    List<String> names = new ArrayList<>(args);
    Optional<String> catalogArgument = Optional.empty();
    int c = names.indexOf("--catalog");
    if (c >= 0 && c + 1 < names.size()) {
      catalogArgument = Optional.of(names.get(c + 1));
      names.remove(c + 1);
      names.remove(c);
    }
    Catalog catalog =
        CatalogLoader.load(LocalCloud.catalogFile(settings.project(), catalogArgument));
    Scenarios scenarios = new Scenarios(catalog);
    if (names.contains("--list")) {
      out.print(ChaosTable.list(scenarios));
      out.println(
          "Faults of the local AWS (also by hand: ./brownout fault <name> down|slow|error|flaky|up):\n"
              + "  "
              + AwsFaults.CACHE_TABLE
              + "   every DynamoDB request naming the API's cache table\n"
              + "  "
              + AwsFaults.STATUS_TABLE
              + "  every DynamoDB request naming the status table\n"
              + "  "
              + AwsFaults.SSM_API
              + "       SSM requests of the API function only\n"
              + "  "
              + AwsFaults.WORKFLOW
              + "      the workflow's Evaluate task (Invoke of the evaluator)");
      return 0;
    }
    List<Scenario> chosen;
    try {
      chosen = scenarios.select(names);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    LocalCloud started = null;
    if (LocalState.running(settings.stateFile()).isPresent()) {
      out.println("chaos | using the local cloud that is running");
    } else {
      Path log = settings.workDir().resolve("chaos-cloud.log");
      out.println("chaos | starting a local cloud for the run (its console: " + log + ")");
      try {
        Files.createDirectories(log.getParent());
        started =
            LocalCloud.start(
                settings,
                python,
                catalogArgument.map(a -> List.of("--catalog", a)).orElse(List.of()),
                Console.to(
                    new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage() + " (its console: " + log + ")");
        return 1;
      }
    }
    try (LocalAws aws = new LocalAws(settings.edgeUrl(), settings.region())) {
      AwsTargets targets = AwsTargets.of(aws.lambda());
      Clock clock = Clock.systemUTC();
      ChaosRun run =
          new ChaosRun(
              catalog,
              settings.apiUrl(),
              new FaultSwitches(settings.edgeUrl()),
              new ControlPlane(
                  aws.ssm(),
                  aws.dynamoDb(),
                  catalog.parameterPrefix(),
                  targets.statusTable(),
                  clock),
              clock,
              line -> out.println("chaos | " + line));
      Instant began = clock.instant();
      // read before the run: the sources may change while it lasts, the jars that run do not
      String commit = command(settings.project(), "git", "describe", "--always", "--dirty");
      List<Outcome> outcomes = new ArrayList<>();
      // Ctrl-C in the middle of a scenario: mend what it broke before the JVM ends
      Thread mend = new Thread(run::repairQuietly, "chaos-mend");
      Runtime.getRuntime().addShutdownHook(mend);
      try {
        for (Scenario scenario : chosen) {
          Outcome outcome = run.run(scenario);
          outcomes.add(outcome);
          out.println(ChaosTable.text(outcome));
        }
      } finally {
        Runtime.getRuntime().removeShutdownHook(mend);
      }
      Duration took = Duration.between(began, clock.instant());
      out.println("Summary (" + Target.seconds(took) + "):");
      out.print(ChaosTable.summary(outcomes, false));
      Path report = settings.workDir().resolve(REPORT);
      Files.writeString(report, markdown(settings.project(), commit, outcomes, began, took));
      out.println("chaos | the tables as Markdown: " + report);
      return outcomes.stream().anyMatch(o -> o.couldNotRun().isPresent()) ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (started != null) {
        out.println("chaos | stopping the local cloud it started");
        started.close();
      }
    }
  }

  static String markdown(
      Path project, String commit, List<Outcome> outcomes, Instant began, Duration took) {
    StringBuilder md = new StringBuilder("## Run of ").append(began).append("\n\n");
    md.append("- machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs, ")
        .append(command(project, "uname", "-srm"))
        .append(", JDK ")
        .append(Runtime.version())
        .append(" (")
        .append(System.getProperty("java.vendor"))
        .append(")\n");
    md.append("- commit: ")
        .append(commit)
        .append("\n- took: ")
        .append(Target.seconds(took))
        .append("\n\n");
    md.append(ChaosTable.summary(outcomes, true)).append('\n');
    outcomes.forEach(o -> md.append(ChaosTable.markdown(o)));
    return md.toString();
  }

  /** A command's first line of output, or {@code unknown}. */
  private static String command(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !text.isEmpty()
          ? text.lines().findFirst().orElse("unknown")
          : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
