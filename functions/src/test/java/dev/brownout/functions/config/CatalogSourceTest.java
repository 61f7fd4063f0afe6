package dev.brownout.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogSourceTest {

  @Test
  void aRelativePathIsAFileOfTheDeploymentPackageWhereverLambdaUnpackedIt() {
    var env =
        new Environment(
            Map.of("BROWNOUT_CATALOG", "brownout.yaml", "LAMBDA_TASK_ROOT", "/tmp/pkg-1234"));

    assertThat(CatalogSource.location(env)).isEqualTo("/tmp/pkg-1234/brownout.yaml");
  }

  @Test
  void anAbsolutePathOrAClasspathLocationIsTakenAsWritten() {
    var absolute =
        new Environment(
            Map.of("BROWNOUT_CATALOG", "/etc/shop.yaml", "LAMBDA_TASK_ROOT", "/var/task"));
    var classpath =
        new Environment(
            Map.of("BROWNOUT_CATALOG", "classpath:shop.yaml", "LAMBDA_TASK_ROOT", "/var/task"));

    assertThat(CatalogSource.location(absolute)).isEqualTo("/etc/shop.yaml");
    assertThat(CatalogSource.location(classpath)).isEqualTo("classpath:shop.yaml");
  }

  @Test
  void withoutATaskRootARelativePathIsRelativeToTheWorkingDirectory() {
    var env = new Environment(Map.of("BROWNOUT_CATALOG", "brownout.yaml"));

    assertThat(CatalogSource.location(env)).isEqualTo("brownout.yaml");
  }

  @Test
  void withNothingSetTheCatalogInsideTheJarIsRead() {
    assertThat(CatalogSource.location(new Environment(Map.of())))
        .isEqualTo("classpath:brownout.yaml");
  }
}
