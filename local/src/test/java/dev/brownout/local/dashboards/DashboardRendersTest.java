package dev.brownout.local.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.dashboards.DashboardRenders.Rendered;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardRendersTest {
  private final List<String> console = new ArrayList<>();
  private final DashboardRenders renders = new DashboardRenders(console::add);

  @Test
  void aRenderThatThrowsIsA502PageWithoutTheExceptionWhichGoesToTheConsole() {
    Rendered rendered =
        renders.page(
            "shop",
            () -> {
              throw new NullPointerException("getLocation() is null");
            });

    assertThat(rendered.status()).isEqualTo(502);
    assertThat(rendered.html())
        .contains("The local cloud failed to draw the dashboard shop; its console says why.")
        .doesNotContain("NullPointerException")
        .doesNotContain("getLocation");
    assertThat(console)
        .singleElement()
        .asString()
        .startsWith(
            "dashboards: the page of shop failed: java.lang.NullPointerException: getLocation() is"
                + " null at ");
  }
}
