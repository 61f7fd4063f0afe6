package dev.brownout.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real browser for the {@code *IT} tests: opens a page in Debian's Chromium, driven by {@code
 * playwright-core} (pinned in package.json) through {@code src/test/browser/look.mjs}, keeps a
 * full-page screenshot with the test reports ({@code
 * target/failsafe-reports/screenshots/<name>.png}) and answers what a person sees for the given CSS
 * selectors:
 *
 * <pre>{@code
 * Browser.Page page = Browser.look(URI.create("http://localhost:4566/_brownout/dashboards/x"),
 *     "DashboardsIT-level", List.of("section.widget", "svg.chart", ".no-data"));
 * assertThat(page.all("section.widget")).extracting(e -> e.attribute("data-title"))...
 * }</pre>
 *
 * <p>Chromium is {@code /usr/bin/chromium}, else {@code chromium} on {@code PATH} ({@code
 * ./brownout test} installs it when missing); Node is the project's {@code node_modules/.bin/node},
 * else {@code node} on {@code PATH} when it is 20 or newer (playwright-core's minimum). Each look
 * starts a fresh browser with a fresh profile under {@code local/target/browser-profiles}, deleted
 * after the look: about 3 s. The timeout is one deadline for the whole look.
 *
 * <p>Failures throw {@link AssertionError} with what went wrong and the browser's stderr: no
 * Chromium or Node, no answer from the page, an HTTP error status, an uncaught script error on the
 * page, or no result within the timeout (the browser and its children are then killed).
 */
public final class Browser {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("local/src/test/browser/look.mjs");
  private static final Path SCREENSHOTS = ROOT.resolve("local/target/failsafe-reports/screenshots");

  /** Where each look's Chromium profile is made, and deleted after it, whatever happened. */
  static final Path PROFILES = ROOT.resolve("local/target/browser-profiles");

  private static final int MIN_NODE = 20;
  private static final int STDERR_QUOTED = 4000;

  private Browser() {}

  /** What the browser showed. */
  public record Page(
      URI url,
      int status,
      String title,
      List<String> consoleErrors,
      Map<String, List<Element>> elements,
      Path screenshot) {

    /** The elements {@code selector} matched (it must be one of those asked for). */
    public List<Element> all(String selector) {
      List<Element> found = elements.get(selector);
      if (found == null) {
        throw new IllegalArgumentException(
            "the selector " + selector + " was not asked for; asked: " + elements.keySet());
      }
      return found;
    }
  }

  /**
   * One element as shown.
   *
   * @param text its rendered text (an SVG element's text content), trimmed, at most 2000 characters
   * @param visible whether it takes room on the page and is not hidden
   * @param attributes every attribute, each value at most 2000 characters
   */
  public record Element(String text, boolean visible, Map<String, String> attributes) {
    /** The attribute's value, or null. */
    public String attribute(String name) {
      return attributes.get(name);
    }
  }

  /** {@link #look(URI, String, List, Duration)} within {@link #DEFAULT_TIMEOUT}. */
  public static Page look(URI url, String screenshotName, List<String> selectors) {
    return look(url, screenshotName, selectors, DEFAULT_TIMEOUT);
  }

  /**
   * Opens {@code url}, waits for its {@code load} event, takes the screenshot {@code
   * screenshotName}.png and reads the elements of each selector (at most 200 each).
   *
   * @param screenshotName the file name without {@code .png}: letters, digits, {@code .-_}
   * @throws AssertionError if the page cannot be seen, saying why
   */
  public static Page look(
      URI url, String screenshotName, List<String> selectors, Duration timeout) {
    if (!screenshotName.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException(
          "screenshot name \"" + screenshotName + "\": expected 1-100 of A-Z a-z 0-9 . _ -");
    }
    Path chromium = chromium();
    String node = node();
    Path screenshot = SCREENSHOTS.resolve(screenshotName + ".png");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", url.toString());
    request.put("screenshot", screenshot.toString());
    request.put("chromium", chromium.toString());
    request.put("selectors", selectors);
    request.put("timeoutMs", timeout.toMillis());
    Path profile;
    try {
      profile = Files.createTempDirectory(Files.createDirectories(PROFILES), "chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a Chromium profile under " + PROFILES, e);
    }
    request.put("profile", profile.toString());
    try {
      return look(url, request, screenshot, timeout, node);
    } finally {
      deleteTree(profile);
    }
  }

  private static Page look(
      URI url, Map<String, Object> request, Path screenshot, Duration timeout, String node) {
    Path stdout;
    Path stderr;
    Process process;
    try {
      Files.createDirectories(SCREENSHOTS);
      stdout = Files.createTempFile("brownout-look", ".json");
      stderr = Files.createTempFile("brownout-look", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(node, SCRIPT.toString(), JSON.writeValueAsString(request))
              .directory(ROOT.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().put("NO_COLOR", "1");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + node + " " + SCRIPT, e);
    }
    try {
      // look.mjs keeps to the timeout itself; the extra time is for starting and closing Chromium
      boolean exited = process.waitFor(timeout.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        kill(process);
        throw new AssertionError(
            "the browser did not show "
                + url
                + " within "
                + timeout.plusSeconds(30).toSeconds()
                + " s; its stderr:\n"
                + tail(stderr));
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "the browser could not show "
                + url
                + " (exit "
                + process.exitValue()
                + "):\n"
                + tail(stderr));
      }
      JsonNode answer = JSON.readTree(Files.readString(stdout, StandardCharsets.UTF_8));
      Page page = page(answer, screenshot);
      List<String> pageErrors = texts(answer.path("pageErrors"));
      if (page.status() >= 400 || !pageErrors.isEmpty()) {
        throw new AssertionError(
            url
                + " answered HTTP "
                + page.status()
                + (pageErrors.isEmpty() ? "" : " with script errors " + pageErrors)
                + "; screenshot "
                + screenshot);
      }
      return page;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the browser's answer for " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill(process);
      throw new AssertionError("interrupted while the browser showed " + url, e);
    } finally {
      delete(stdout);
      delete(stderr);
    }
  }

  /** Kills the script and its browser, and waits a little for them to be gone. */
  private static void kill(Process process) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // gone or stuck: the profile is deleted all the same
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Browser::delete);
    } catch (IOException e) {
      // already gone
    }
  }

  private static Page page(JsonNode answer, Path screenshot) {
    Map<String, List<Element>> elements = new LinkedHashMap<>();
    answer
        .path("elements")
        .properties()
        .forEach(
            selected -> {
              List<Element> found = new ArrayList<>();
              for (JsonNode e : selected.getValue()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                e.path("attributes")
                    .properties()
                    .forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
                found.add(
                    new Element(
                        e.path("text").asText(), e.path("visible").asBoolean(), attributes));
              }
              elements.put(selected.getKey(), List.copyOf(found));
            });
    return new Page(
        URI.create(answer.path("url").asText()),
        answer.path("status").asInt(),
        answer.path("title").asText(),
        texts(answer.path("consoleErrors")),
        elements,
        screenshot);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  static Path chromium() {
    Path debian = Path.of("/usr/bin/chromium");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    return onPath("chromium")
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Chromium for the browser tests: neither /usr/bin/chromium nor chromium on"
                        + " PATH. Install it (Debian: apt-get install --no-install-recommends"
                        + " chromium); ./brownout test does that itself."));
  }

  static String node() {
    Path pinned = ROOT.resolve("node_modules/.bin/node");
    if (Files.isExecutable(pinned)) {
      return pinned.toString();
    }
    Optional<Path> onPath = onPath("node");
    if (onPath.isPresent() && nodeMajor(onPath.get()) >= MIN_NODE) {
      return onPath.get().toString();
    }
    throw new AssertionError(
        "no Node.js "
            + MIN_NODE
            + " or newer for the browser tests: "
            + pinned
            + " is missing (run npm ci in "
            + ROOT
            + ") and node on PATH is "
            + onPath.map(p -> "version " + nodeMajor(p)).orElse("missing"));
  }

  private static int nodeMajor(Path node) {
    try {
      Process p =
          new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
      String version =
          new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      p.waitFor(10, TimeUnit.SECONDS);
      return Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        return "(nothing)";
      }
      return text.length() <= STDERR_QUOTED
          ? text
          : "... " + text.substring(text.length() - STDERR_QUOTED);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a file left behind in /tmp or target/ is harmless
    }
  }
}
