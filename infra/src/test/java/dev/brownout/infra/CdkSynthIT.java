package dev.brownout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CDK CLI (pinned in package.json) running the app the way cdk.json says. */
class CdkSynthIT {
  private static final Path ROOT =
      Path.of(System.getProperty("brownout.root", "..")).toAbsolutePath().normalize();

  record Run(int exitCode, String stdout, String stderr) {}

  private static Run cdk(Path out, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(ROOT.resolve("node_modules/.bin/cdk").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--output", out.toString(), "--no-notices", "--no-version-reporting"));
    Path stdout = Files.createTempFile(out.getParent(), "cdk", ".out");
    Path stderr = Files.createTempFile(out.getParent(), "cdk", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cdk " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new Run(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  @Test
  void cdkSynthOfTheExampleCatalogWritesATemplateThatCfnLintPasses(@TempDir Path dir)
      throws Exception {
    Run run = cdk(dir.resolve("cdk.out"), "synth", "--quiet");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    // Every warning of CDK and cdk-nag is fixed or acknowledged with its reason in the code, and
    // cdk.json sets every recommended feature flag of the aws-cdk-lib in use.
    assertThat(run.stderr()).doesNotContain("WARNING", "ERROR", "feature flags are not configured");
    Path template = dir.resolve("cdk.out/Brownout-shop.template.json");
    assertThat(Files.readString(template))
        .contains(
            "AWS::Lambda::Function",
            "AWS::StepFunctions::StateMachine",
            "AWS::ApiGateway::RestApi");
    // W3005 (a DependsOn that a reference already implies) is CDK's own output, not ours.
    Process lint =
        new ProcessBuilder("cfn-lint", "--ignore-checks", "W3005", "--", template.toString())
            .redirectErrorStream(true)
            .start();
    String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(lint.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(lint.exitValue()).as(findings).isZero();
  }

  @Test
  void cdkSynthOfABadCatalogFailsWithTheValidatorsMessageAndNoStackTrace(@TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        """
        app: shop
        dependencies:
          - name: db
            criticality: vital
            check: {type: dynamodb, table: shop-products}
        routes:
          - method: GET
            path: /products/{id}
            dependency: db
            primary: {url: "http://localhost:8081/items/{sku}"}
            fallback:
              - cache: {maxStaleness: soon}
        """);

    Run run = cdk(dir.resolve("cdk.out"), "synth", "--quiet", "-c", "catalog=" + bad);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr())
        .contains("The catalog " + bad + " has 3 problems:")
        .contains(
            bad
                + ":4: dependencies[0].criticality: expected one of critical, important, optional, got \"vital\"")
        .contains(
            "routes[0].primary.url: the placeholder {sku} is not a parameter of the route's path (it has {id})")
        .contains(
            bad
                + ":12: routes[0].fallback[0].cache.maxStaleness: expected a duration like 30s or 5m, got \"soon\"")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }
}
