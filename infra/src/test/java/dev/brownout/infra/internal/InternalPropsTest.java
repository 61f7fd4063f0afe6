package dev.brownout.infra.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The internal constructs' props name what a builder was not given. */
class InternalPropsTest {
  private static final Path JAR = Path.of("functions.jar");
  private static final Path CATALOG = Path.of("brownout.yaml");

  @Test
  void aBuilderLeftEmptyNamesItsFirstRequiredValue() {
    assertThatThrownBy(() -> HealthChecksProps.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("HealthChecksProps.catalog is required");
    assertThatThrownBy(() -> ApiProps.builder().build()).hasMessage("ApiProps.catalog is required");
    assertThatThrownBy(() -> WorkflowProps.builder().build())
        .hasMessage("WorkflowProps.functions is required");
    assertThatThrownBy(() -> MonitoringProps.builder().build())
        .hasMessage("MonitoringProps.catalog is required");
  }

  @Test
  void aNumberOrSwitchLeftOutIsNamedRatherThanTakenAsZeroOrFalse() {
    assertThatThrownBy(
            () -> FunctionPackageProps.builder().functionsJar(JAR).catalogFile(CATALOG).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("FunctionPackageProps.snapStart is required");
    assertThatThrownBy(
            () ->
                FunctionPackageProps.builder()
                    .functionsJar(JAR)
                    .catalogFile(CATALOG)
                    .snapStart(false)
                    .build())
        .hasMessage("FunctionPackageProps.logRetentionDays is required");
  }

  @Test
  void aValueLeftOutInTheMiddleIsTheOneNamed() {
    assertThatThrownBy(
            () -> FunctionPackageProps.builder().functionsJar(JAR).snapStart(true).build())
        .hasMessage("FunctionPackageProps.catalogFile is required");
  }
}
