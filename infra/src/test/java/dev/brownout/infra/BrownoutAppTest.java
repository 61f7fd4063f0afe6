package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brownout.core.catalog.CatalogException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;

class BrownoutAppTest {

  @Test
  void exampleCatalogSynthesizesTheAppsStack() {
    var stack = Stacks.example(Map.of());

    assertThat(stack.getStackName()).isEqualTo("Brownout-shop");
  }

  @Test
  void badCatalogStopsTheSynthWithTheValidatorsProblems(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "app: shop\ndependencies: []\nroutes: nope\n");
    App app = Stacks.app(bad.toString(), Map.of());

    assertThatThrownBy(() -> BrownoutApp.synthesize(app))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("routes: expected a list, got \"nope\"")
        .hasMessageContaining("dependencies: list at least one dependency");
  }

  @Test
  void missingCatalogContextIsAProblemNotACrash() {
    App app = App.Builder.create().build();

    assertThatThrownBy(() -> BrownoutApp.synthesize(app))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("pass -c catalog=path");
  }
}
