package dev.brownout.functions.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brownout.core.policy.CheckResult;
import dev.brownout.functions.adapters.dynamodb.DynamoDbTableProbe;
import dev.brownout.functions.adapters.tcp.TcpProbe;
import dev.brownout.functions.config.AwsClients;
import dev.brownout.functions.testing.Dependencies;
import dev.brownout.functions.testing.MotoServer;
import dev.brownout.functions.testing.StatusTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class TcpAndTableProbeIT {
  private final TcpProbe tcp = new TcpProbe(Clock.systemUTC());

  @Test
  void tcpPortThatListensPasses() throws IOException {
    try (ServerSocket listening = new ServerSocket(0)) {
      CheckResult result =
          tcp.check(Dependencies.tcp("orders", "127.0.0.1", listening.getLocalPort()));

      assertThat(result.success()).as(result.error().orElse("")).isTrue();
    }
  }

  @Test
  void tcpPortThatIsClosedIsRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThat(tcp.check(Dependencies.tcp("orders", "127.0.0.1", port)).error())
        .contains("connection to 127.0.0.1:" + port + " refused");
  }

  @Test
  void tcpHostThatDoesNotResolveIsADnsFailure() {
    assertThat(tcp.check(Dependencies.tcp("orders", "no-such-host.invalid", 443)).error())
        .contains("DNS lookup failed for no-such-host.invalid");
  }

  @Test
  void dynamoDbTableThatIsActivePassesAndAMissingOneFails() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    DynamoDbClient dynamoDb = AwsClients.dynamoDb(Optional.of(moto.endpoint()));
    StatusTable.create(dynamoDb, "shop-products");
    var probe = new DynamoDbTableProbe(dynamoDb, Clock.systemUTC());

    CheckResult present = probe.check(Dependencies.table("product-db", "shop-products"));
    CheckResult missing = probe.check(Dependencies.table("product-db", "gone"));

    assertThat(present.success()).as(present.error().orElse("")).isTrue();
    assertThat(missing.error()).contains("table gone does not exist");
  }
}
