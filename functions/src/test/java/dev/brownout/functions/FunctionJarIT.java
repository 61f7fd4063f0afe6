package dev.brownout.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The deployment package that `package` builds: what Lambda runs. */
class FunctionJarIT {

  private static Path lambdaJar() throws IOException {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(Path.of("target"), "brownout-functions-*-lambda.jar")) {
      List<Path> found = new ArrayList<>();
      jars.forEach(found::add);
      assertThat(found).as("the shaded jar in target/").hasSize(1);
      return found.get(0);
    }
  }

  @Test
  void holdsEveryHandlerAndTheLoggingServicesButNoLog4jNettyOrApacheHttpClient()
      throws IOException {
    try (JarFile jar = new JarFile(lambdaJar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();

      assertThat(names)
          .contains(
              "dev/brownout/functions/handlers/HealthCheckHandler.class",
              "dev/brownout/functions/handlers/ApiHandler.class",
              "dev/brownout/functions/handlers/EvaluatorHandler.class",
              "dev/brownout/functions/handlers/ReplayHandler.class",
              "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
              "META-INF/services/ch.qos.logback.classic.spi.Configurator",
              "META-INF/services/software.amazon.lambda.powertools.logging.internal.LoggingManager");
      assertThat(
              jar.getInputStream(
                  jar.getEntry("META-INF/services/ch.qos.logback.classic.spi.Configurator")))
          .asString(java.nio.charset.StandardCharsets.UTF_8)
          .contains("dev.brownout.functions.logging.LambdaLogging");
      assertThat(names)
          .noneMatch(n -> n.startsWith("org/apache/logging/log4j/core/"))
          .noneMatch(n -> n.endsWith("logback.xml") || n.endsWith("logback-test.xml"))
          .noneMatch(n -> n.startsWith("io/netty/"))
          .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache"))
          .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/nio/"))
          .noneMatch(n -> n.startsWith("org/apache/hc/client5/"));
    }
  }
}
