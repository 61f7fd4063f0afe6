package dev.brownout.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brownout.local.process.ProcessRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deploys the CDK app into the local cloud exactly as into AWS: {@code cdk bootstrap}, then {@code
 * cdk deploy --method=direct -c local=true} through the CDK CLI pinned in {@code package.json},
 * with the edge as the AWS endpoint. {@code --method=direct} because moto answers one change-set
 * call with a body the CLI cannot parse; {@code local=true} because moto's CloudFormation fails on
 * permissions naming a function version or alias (so SnapStart is off locally).
 */
public final class CdkDeploy {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A deployed stack and its outputs. */
  public record Deployed(String stackName, Map<String, String> outputs) {
    public Optional<String> output(String prefix) {
      return outputs.entrySet().stream()
          .filter(e -> e.getKey().startsWith(prefix))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  private final Path projectDir;
  private final Path workDir;
  private final URI endpoint;
  private final String region;
  private final Consumer<String> console;
  private final ProcessRegistry processes;

  public CdkDeploy(
      Path projectDir,
      Path workDir,
      URI endpoint,
      String region,
      Consumer<String> console,
      ProcessRegistry processes) {
    this.projectDir = projectDir;
    this.workDir = workDir;
    this.endpoint = endpoint;
    this.region = region;
    this.console = console;
    this.processes = processes;
  }

  /**
   * @param context extra {@code -c key=value} values (the functions jar, a catalog)
   * @throws IllegalStateException if the CLI is missing or a command fails, with its last lines
   */
  public Deployed deploy(String account, Map<String, String> context) {
    Path cdk = projectDir.resolve("node_modules/.bin/cdk");
    if (!Files.isExecutable(cdk)) {
      throw new IllegalStateException(
          "the CDK CLI is not installed at " + cdk + ": run npm ci in " + projectDir);
    }
    run(List.of(cdk.toString(), "bootstrap", "aws://" + account + "/" + region, "--no-notices"));
    Path outputs = workDir.resolve("cdk-outputs.json");
    List<String> deploy = new ArrayList<>();
    deploy.addAll(
        List.of(
            cdk.toString(),
            "deploy",
            "--all",
            "--method=direct",
            "--require-approval",
            "never",
            "--no-notices",
            "--outputs-file",
            outputs.toString(),
            "-c",
            "local=true"));
    context.forEach(
        (key, value) -> {
          deploy.add("-c");
          deploy.add(key + "=" + value);
        });
    run(deploy);
    return read(outputs);
  }

  private static Deployed read(Path outputs) {
    try {
      JsonNode root = JSON.readTree(outputs.toFile());
      var stacks = root.properties().iterator();
      if (!stacks.hasNext()) {
        throw new IllegalStateException("cdk deploy wrote no stack to " + outputs);
      }
      var stack = stacks.next();
      Map<String, String> values = new LinkedHashMap<>();
      stack.getValue().properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
      return new Deployed(stack.getKey(), values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stack's outputs in " + outputs, e);
    }
  }

  private void run(List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // Never an AWS account by mistake: no profile, no real credentials, no per-service endpoint.
    env.keySet()
        .removeIf(
            name ->
                name.startsWith("AWS_ENDPOINT_URL_")
                    || name.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
                    || name.equals("AWS_PROFILE")
                    || name.equals("AWS_DEFAULT_PROFILE")
                    || name.equals("AWS_SESSION_TOKEN")
                    || name.equals("AWS_CONFIG_FILE")
                    || name.equals("AWS_SHARED_CREDENTIALS_FILE"));
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    // a profile file of the user's could still name another endpoint or credentials process
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1");
    // no network beyond this machine: no telemetry, no notices, no version check
    env.put("CDK_DISABLE_CLI_TELEMETRY", "true");
    env.put("CDK_DISABLE_VERSION_CHECK", "true");
    String name = String.join(" ", command.subList(1, Math.min(3, command.size())));
    Deque<String> last = new ArrayDeque<>();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    }
    processes.started("cdk " + command.get(1), process.toHandle());
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        console.accept(line);
        last.addLast(line);
        if (last.size() > 15) {
          last.removeFirst();
        }
      }
      int status = process.waitFor();
      if (status != 0) {
        throw new IllegalStateException(
            "cdk " + name + " failed (exit status " + status + "):\n" + String.join("\n", last));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of cdk " + name, e);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during cdk " + name, e);
    } finally {
      processes.ended(process.toHandle());
    }
  }
}
