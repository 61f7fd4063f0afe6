package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The degradation workflow's definition passes asl-validator (npm, pinned in package.json). */
class WorkflowDefinitionIT {
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();
  private static final Path DEFINITION =
      ROOT.resolve("infra/src/main/resources/workflow/degradation.asl.json");

  record Run(int exitCode, String output) {}

  private static Run validate(Path definition) throws Exception {
    Process process =
        new ProcessBuilder(
                ROOT.resolve("node_modules/.bin/asl-validator").toString(),
                "--json-path",
                definition.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** The definition as the CDK app deploys it: its placeholders filled with real-looking ARNs. */
  private static String substituted() throws Exception {
    return Files.readString(DEFINITION)
        .replace(
            "${EvaluatorFunctionArn}",
            "arn:aws:lambda:us-east-1:123456789012:function:shop-evaluator")
        .replace("${TopicArn}", "arn:aws:sns:us-east-1:123456789012:shop-level-changes");
  }

  @Test
  void theDefinitionUsesExactlyThePlaceholdersTheStackFills() throws Exception {
    Matcher m = Pattern.compile("\\$\\{([A-Za-z]+)}").matcher(Files.readString(DEFINITION));
    Set<String> placeholders = new TreeSet<>();
    while (m.find()) {
      placeholders.add(m.group(1));
    }

    assertThat(placeholders).containsExactly("EvaluatorFunctionArn", "TopicArn");
  }

  @Test
  void theDefinitionPassesAslValidator(@TempDir Path dir) throws Exception {
    Path definition = Files.writeString(dir.resolve("degradation.asl.json"), substituted());

    Run run = validate(definition);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("is valid");
  }

  @Test
  void aBrokenDefinitionIsRefusedByTheSameCheck(@TempDir Path dir) throws Exception {
    Path broken =
        Files.writeString(
            dir.resolve("broken.asl.json"),
            substituted().replace("\"Next\": \"AnythingToApply\"", "\"Next\": \"Nowhere\""));

    Run run = validate(broken);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("Nowhere");
  }
}
