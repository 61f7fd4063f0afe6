package dev.brownout.local;

import dev.brownout.local.chaos.Chaos;
import dev.brownout.local.edge.Forwarder;
import dev.brownout.local.process.LocalState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local cloud's commands, as {@code ./brownout} runs them: {@code up}, {@code down}, {@code
 * fault} and {@code chaos}. Exit status 0 on success, 1 when the command could not do its work
 * (with a message that says why), 2 on a usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Forwarder.allowHostHeader();
    List<String> rest = new ArrayList<>(List.of(args));
    if (rest.isEmpty()) {
      usage("no command");
    }
    String command = rest.remove(0);
    Path project = Path.of(option(rest, "--project").orElse(".")).toAbsolutePath().normalize();
    LocalSettings settings;
    try {
      settings =
          LocalSettings.of(
              project, System.getenv("AWS_ENDPOINT_URL"), System.getenv("BROWNOUT_LOCAL_CDS"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    int status =
        switch (command) {
          case "up" -> LocalCloud.up(settings, option(rest, "--python").orElse("python3"), rest);
          case "down" -> down(settings);
          case "fault" -> fault(settings, rest);
          case "chaos" ->
              Chaos.run(settings, option(rest, "--python").orElse("python3"), rest, System.out);
          case "running" -> running(settings);
          default -> usage("unknown command " + command);
        };
    System.exit(status);
  }

  static int down(LocalSettings settings) {
    Optional<LocalState.Entry> running = LocalState.running(settings.stateFile());
    if (running.isEmpty()) {
      List<LocalState.Entry> leftovers =
          LocalState.stop(settings.stateFile(), Duration.ZERO, System.out::println);
      System.out.println(
          leftovers.isEmpty()
              ? "No local cloud is running."
              : "No local cloud was running; stopped " + leftovers.size() + " leftover processes.");
      return 0;
    }
    System.out.println("Stopping the local cloud (pid " + running.get().pid() + ")...");
    LocalState.stop(settings.stateFile(), Duration.ofSeconds(20), System.out::println);
    System.out.println("Stopped.");
    return 0;
  }

  /**
   * Exit 0 and says so when a local cloud runs, 1 when none does: the script asks before it builds.
   */
  static int running(LocalSettings settings) {
    Optional<LocalState.Entry> running = LocalState.running(settings.stateFile());
    running.ifPresent(
        r ->
            System.out.println(
                "A local cloud is already running (pid "
                    + r.pid()
                    + ", started "
                    + r.started()
                    + "): ./brownout down stops it."));
    return running.isPresent() ? 0 : 1;
  }

  static int fault(LocalSettings settings, List<String> args) {
    if (args.size() != 2) {
      return usage(
          "fault needs a dependency (or aws:cache-table, aws:status-table, aws:ssm-api, aws:workflow)"
              + " and one of down, slow, error, flaky, up");
    }
    URI uri =
        URI.create(
            settings.edgeUrl()
                + "/_brownout/faults/"
                + URLEncoder.encode(args.get(0), StandardCharsets.UTF_8).replace("+", "%20"));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.ofString(args.get(1)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String body = response.body().strip();
      if (response.statusCode() / 100 == 2) {
        System.out.println(body);
        return 0;
      }
      System.err.println(body);
      return 1;
    } catch (ConnectException e) {
      System.err.println(
          "No local cloud answers at " + settings.edgeUrl() + ": start one with ./brownout up");
      return 1;
    } catch (IOException e) {
      System.err.println("The local cloud at " + settings.edgeUrl() + " failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static Optional<String> option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size()) {
      return Optional.empty();
    }
    String value = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return Optional.of(value);
  }

  private static int usage(String problem) {
    System.err.println(
        problem
            + "\nusage: ./brownout up | down | fault <dependency> down|slow|error|flaky|up"
            + " | chaos [--list] [scenario...]");
    System.exit(2);
    return 2;
  }
}
