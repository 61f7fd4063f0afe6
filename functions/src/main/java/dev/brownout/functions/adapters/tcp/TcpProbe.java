package dev.brownout.functions.adapters.tcp;

import dev.brownout.core.catalog.Dependency;
import dev.brownout.core.catalog.Durations;
import dev.brownout.core.catalog.HealthCheck;
import dev.brownout.core.policy.CheckResult;
import dev.brownout.core.ports.Probe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Checks a {@code tcp} dependency: a connection must open within the timeout. */
public final class TcpProbe implements Probe {
  private final Clock clock;

  public TcpProbe(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CheckResult check(Dependency dependency) {
    var check = (HealthCheck.Tcp) dependency.check();
    String target = check.host() + ":" + check.port();
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(check.host(), check.port()), (int) check.timeout().toMillis());
      return CheckResult.success(elapsed(startNanos), start);
    } catch (UnknownHostException e) {
      return CheckResult.failure(
          "DNS lookup failed for " + check.host(), elapsed(startNanos), start);
    } catch (SocketTimeoutException e) {
      return CheckResult.failure(
          "could not connect to " + target + " within " + Durations.format(check.timeout()),
          elapsed(startNanos),
          start);
    } catch (ConnectException e) {
      return CheckResult.failure(
          "connection to " + target + " refused", elapsed(startNanos), start);
    } catch (IOException | IllegalArgumentException e) {
      return CheckResult.failure(
          "cannot connect to " + target + ": " + e.getMessage(), elapsed(startNanos), start);
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
