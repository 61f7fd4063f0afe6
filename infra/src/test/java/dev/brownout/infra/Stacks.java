package dev.brownout.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  /**
   * The context of {@code cdk.json} (the catalog and the feature flags), as {@code cdk synth}
   * passes it to the app.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> cdkJsonContext() {
    try {
      Map<String, Object> cdkJson =
          new ObjectMapper().readValue(Path.of("..", "cdk.json").toFile(), Map.class);
      return (Map<String, Object>) cdkJson.get("context");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An app as {@code cdk synth} starts it: cdk.json's context, {@code catalog} and {@code more}.
   */
  static App app(String catalog, Map<String, Object> more) {
    Map<String, Object> context = new HashMap<>(cdkJsonContext());
    context.putAll(more);
    context.put("catalog", catalog);
    context.put("functionsJar", functionsJar().toString());
    return App.Builder.create().context(context).build();
  }

  static Stack example(Map<String, Object> more) {
    return BrownoutApp.synthesize(app("../brownout.yaml", more));
  }
}
