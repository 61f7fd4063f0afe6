package dev.brownout.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handlers over adapters over the core, and nothing heavy in the function jar. */
class FunctionArchitectureTest {
  private final JavaClasses functions =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.brownout.functions");

  @Test
  void onlyHandlersKnowTheLambdaRuntimeTypes() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.brownout.functions.handlers..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.amazonaws.services.lambda.runtime..")
        .check(functions);
  }

  @Test
  void nothingDependsOnHandlers() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.brownout.functions.handlers..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.brownout.functions.handlers..")
        .check(functions);
  }

  @Test
  void theApplicationLayerTalksToAwsOnlyThroughPorts() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.brownout.functions.health..",
            "dev.brownout.functions.api..",
            "dev.brownout.functions.replay..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon.awssdk..", "dev.brownout.functions.adapters..")
        .check(functions);
  }

  @Test
  void noNettyOrApacheHttpClientIsOnTheFunctionsClassPath() {
    List<String> heavy =
        List.of(
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
            "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.apache5.Apache5HttpClient",
            "io.netty.channel.Channel");
    assertThat(heavy).noneMatch(FunctionArchitectureTest::loadable);
    assertThat(loadable("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"))
        .isTrue();
  }

  /**
   * Resilience4j brings SLF4J 1.7, which cannot see Logback's SLF4J 2 provider: logs would vanish.
   * And Log4j must not come back through a dependency: it costs 0.4 s of every cold start.
   */
  @Test
  void logsGoToLogbackThroughSlf4jTwoAndLog4jIsAbsent() {
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName())
        .isEqualTo("ch.qos.logback.classic.LoggerContext");
    assertThat(loadable("org.apache.logging.log4j.core.LoggerContext")).isFalse();
  }

  private static boolean loadable(String className) {
    try {
      Class.forName(className, false, FunctionArchitectureTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
