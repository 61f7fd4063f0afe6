package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.local.process.ProcessRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One execution environment against a scripted runtime client (curl in a shell loop), so that the
 * client's pace is the test's: the Runtime API's handoff must not depend on how fast a client comes
 * back for work.
 */
class FunctionRuntimeIT {
  @TempDir Path dir;
  private FunctionRuntime runtime;

  /** A clock the test moves: the environment can be made old without waiting. */
  private static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration by) {
      now.updateAndGet(i -> i.plus(by));
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private Path client(String script) throws IOException {
    Path file = dir.resolve("fake-java");
    Files.writeString(file, "#!/bin/bash\n" + script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private FunctionRuntime start(Path fakeJava, Clock clock, int timeoutSeconds) throws IOException {
    FunctionConfig function =
        new FunctionConfig(
            "scripted",
            "arn:aws:lambda:us-east-1:123456789012:function:scripted",
            "any::handleRequest",
            "java21",
            128,
            Duration.ofSeconds(timeoutSeconds),
            Map.of(),
            "pkg.zip",
            "sha");
    RuntimeSettings settings =
        new RuntimeSettings(
            fakeJava,
            dir,
            new LambdaEnvironment.Cloud("us-east-1", URI.create("http://localhost:1"), "t"),
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
            1,
            Duration.ofMinutes(1),
            List.of(),
            Optional.empty());
    Files.createDirectories(dir.resolve("pkg"));
    return FunctionRuntime.start(
        function,
        new CodeStore.TaskRoot(dir.resolve("pkg"), "v1"),
        "v1",
        settings,
        clock,
        (name, line) -> {},
        ProcessRegistry.NONE);
  }

  private static Invocation invocation(String payload) {
    return new Invocation(
        UUID.randomUUID().toString(), payload.getBytes(StandardCharsets.UTF_8), "Root=1-0-0");
  }

  private static final String ECHO_SLOWLY =
      """
      api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
      while true; do
        headers=$(mktemp)
        body=$(curl -s -D "$headers" "$api/invocation/next") || exit 0
        id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | tr -d '\\r' | awk '{print $2}')
        curl -s -X POST --data-binary "$body" "$api/invocation/$id/response" > /dev/null
        sleep 0.4   # slow to come back for the next one
      done
      """;

  @Test
  void aWarmEnvironmentSlowToAskForWorkStillGetsItWhateverItsAge() throws Exception {
    MovableClock clock = new MovableClock();
    runtime = start(client(ECHO_SLOWLY), clock, 3);
    assertThat(runtime.invoke(invocation("{\"n\":1}")).payloadText()).isEqualTo("{\"n\":1}");

    clock.advance(Duration.ofSeconds(30)); // long past any init deadline
    InvokeResult second = runtime.invoke(invocation("{\"n\":2}"));
    InvokeResult third = runtime.invoke(invocation("{\"n\":3}"));

    assertThat(second.failed()).as(second.payloadText()).isFalse();
    assertThat(third.payloadText()).isEqualTo("{\"n\":3}");
    assertThat(runtime.state()).isNotEqualTo(FunctionRuntime.State.DEAD);
  }

  @Test
  void aRuntimeThatDiesBeforeTakingItsInvocationAnswersAnExitError() throws Exception {
    runtime = start(client("exit 3\n"), Clock.systemUTC(), 3);

    InvokeResult result = runtime.invoke(invocation("{}"));

    assertThat(result.functionError()).contains("Unhandled");
    assertThat(result.payloadText()).contains("Runtime.ExitError").contains("exit status 3");
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.DEAD);
  }

  @Test
  void anEnvironmentThatNeverAsksForWorkIsEndedAtItsInitDeadline() throws Exception {
    MovableClock clock = new MovableClock();
    runtime = start(client("sleep 60\n"), clock, 1);
    clock.advance(Duration.ofSeconds(11)); // past the 10 s Lambda gives init

    InvokeResult result = runtime.invoke(invocation("{}"));

    assertThat(result.payloadText()).contains("Sandbox.Timedout");
    assertThat(runtime.state()).isEqualTo(FunctionRuntime.State.DEAD);
  }
}
