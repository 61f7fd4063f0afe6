package dev.brownout.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.brownout.local.edge.Edge;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The demo world's routes on the edge: the fault switches at {@code /_brownout/faults}, and the
 * faults of the demo's DynamoDB tables applied to every DynamoDB request that names one of them
 * (the table's dependency is reached through the edge, as the functions reach AWS).
 */
public final class EdgeRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DYNAMODB_TARGET = "DynamoDB_20120810.";

  private EdgeRoutes() {}

  /** {@code GET|POST /_brownout/faults[/name]}: see {@link FaultControl}. */
  public static Edge.Route control(FaultControl control) {
    return (exchange, body) -> {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(FaultControl.PATH) && !path.startsWith(FaultControl.PATH + "/")) {
        return false;
      }
      FaultControl.Answer answer =
          control.handle(
              exchange.getRequestMethod(), path, new String(body.bytes(), StandardCharsets.UTF_8));
      respond(exchange, answer.status(), answer.contentType(), answer.body());
      return true;
    };
  }

  /**
   * A DynamoDB request naming a faulty table: {@code down} closes the connection unanswered, {@code
   * error} (and half of {@code flaky}'s) answers DynamoDB's 500 {@code InternalServerError}, {@code
   * slow} answers late. Any other request passes untouched.
   */
  public static Edge.Route tableFaults(Faults faults) {
    return (exchange, body) -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target == null || !target.startsWith(DYNAMODB_TARGET) || faults.tables().isEmpty()) {
        return false;
      }
      for (String table : tablesNamed(body.bytes())) {
        Optional<Disruption> disruption = faults.tableFault(table);
        if (disruption.isEmpty()) {
          continue;
        }
        switch (disruption.get()) {
          case Disruption.Refuse refuse -> {
            // nothing is written: the client sees the connection end without an answer
            exchange.close();
            return true;
          }
          case Disruption.Fail fail -> {
            respond(
                exchange,
                500,
                "application/x-amz-json-1.0",
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                    + "\"message\":\"The demo table "
                    + table
                    + " is failing (./brownout fault)\"}");
            return true;
          }
          case Disruption.Delay delay -> {
            sleep(delay.by());
            return false; // then served as usual
          }
        }
      }
      return false;
    };
  }

  /**
   * The tables a DynamoDB JSON request names: {@code TableName}, or the keys of {@code
   * RequestItems}.
   */
  static Set<String> tablesNamed(byte[] body) {
    Set<String> tables = new LinkedHashSet<>();
    try {
      JsonNode request = JSON.readTree(body);
      if (request == null) {
        return tables;
      }
      if (request.path("TableName").isTextual()) {
        tables.add(request.path("TableName").asText());
      }
      for (Iterator<String> names = request.path("RequestItems").fieldNames(); names.hasNext(); ) {
        tables.add(names.next());
      }
      for (JsonNode item : request.path("TransactItems")) {
        item.forEach(
            op -> {
              if (op.path("TableName").isTextual()) {
                tables.add(op.path("TableName").asText());
              }
            });
      }
    } catch (IOException e) {
      // not JSON: moto will refuse it
    }
    return tables;
  }

  static void sleep(java.time.Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
