package dev.brownout.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** The example app synthesized in process, as `cdk synth` runs it. */
final class Stacks {
  private Stacks() {}

  /** The deployment jar the functions module packaged before these tests ran. */
  static Path functionsJar() {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(
            Path.of("..", "functions", "target"), "brownout-functions-*-lambda.jar")) {
      return jars.iterator().next();
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException("package the functions module first (./mvnw package)", e);
    }
  }

  static App app(String catalog, Map<String, Object> more) {
    Map<String, Object> context = new HashMap<>(more);
    context.put("catalog", catalog);
    context.put("functionsJar", functionsJar().toString());
    return App.Builder.create().context(context).build();
  }

  static Stack example(Map<String, Object> more) {
    return BrownoutApp.synthesize(app("../brownout.yaml", more));
  }
}
