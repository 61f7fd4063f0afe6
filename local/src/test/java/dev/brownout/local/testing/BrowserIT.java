package dev.brownout.local.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browser harness itself, against a page of its own. */
class BrowserIT {
  private static final String PAGE =
      """
      <!doctype html><html><head><title>Harness &amp; page</title>
      <link rel="icon" href="data:,"></head><body>
      <h1 class="title">What a person sees</h1>
      <svg class="chart" data-points="3" width="120" height="40">
        <polyline points="0,30 60,10 120,20" fill="none" stroke="black"/><text x="2" y="38">ms</text>
      </svg>
      <p class="secret" style="display:none">hidden</p>
      </body></html>
      """;

  private final CountDownLatch released = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestURI().getPath().equals("/never")) {
            await(released);
            exchange.close();
            return;
          }
          byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
          int status = exchange.getRequestURI().getPath().equals("/") ? 200 : 404;
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    released.countDown();
    server.stop(0);
  }

  @Test
  void aPageThatNeverAnswersFailsTheLookByItsOneDeadlineAndLeavesNoProfileBehind() {
    URI never = base.resolve("/never");
    long began = System.nanoTime();

    assertThatThrownBy(
            () -> Browser.look(never, "BrowserIT-never", List.of("h1"), Duration.ofSeconds(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the browser could not show " + never)
        .hasMessageContaining("Timeout");

    assertThat(Duration.ofNanos(System.nanoTime() - began))
        .as("the deadline with starting and closing Chromium")
        .isLessThan(Duration.ofSeconds(20));
    assertThat(Browser.PROFILES).isEmptyDirectory();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aPageIsSeenWithItsTextAttributesVisibilityAndAScreenshot() throws IOException {
    Browser.Page page =
        Browser.look(
            base, "BrowserIT-page", List.of("h1.title", "svg.chart", "svg.chart text", "p", "nav"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.title()).isEqualTo("Harness & page");
    assertThat(page.all("h1.title"))
        .singleElement()
        .satisfies(
            h1 -> {
              assertThat(h1.text()).isEqualTo("What a person sees");
              assertThat(h1.visible()).isTrue();
            });
    assertThat(page.all("svg.chart"))
        .singleElement()
        .extracting(e -> e.attribute("data-points"))
        .isEqualTo("3");
    assertThat(page.all("svg.chart text")).extracting(Browser.Element::text).containsExactly("ms");
    assertThat(page.all("p")).singleElement().extracting(Browser.Element::visible).isEqualTo(false);
    assertThat(page.all("nav")).isEmpty();
    assertThat(page.consoleErrors()).isEmpty();
    byte[] png = Files.readAllBytes(page.screenshot());
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).as("a PNG").isEqualTo("PNG");
    assertThat(page.screenshot().toString())
        .endsWith("local/target/failsafe-reports/screenshots/BrowserIT-page.png");
  }

  @Test
  void aPageAnsweredWithAnErrorStatusFailsTheLookSayingSo() {
    URI missing = base.resolve("/missing");

    assertThatThrownBy(() -> Browser.look(missing, "BrowserIT-missing", List.of("h1")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(missing + " answered HTTP 404");
  }

  @Test
  void aServerThatIsNotThereFailsTheLookWithTheBrowsersOwnWords() {
    URI nowhere = URI.create("http://127.0.0.1:" + TestMoto.freePort() + "/");

    assertThatThrownBy(() -> Browser.look(nowhere, "BrowserIT-nowhere", List.of("h1")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the browser could not show " + nowhere)
        .hasMessageContaining("ERR_CONNECTION_REFUSED");
  }
}
