package dev.brownout.local.edge;

import com.sun.net.httpserver.HttpExchange;
import dev.brownout.local.lambda.FunctionNotFoundException;
import dev.brownout.local.lambda.InvokeResult;
import dev.brownout.local.lambda.Invoker;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's {@code Invoke} ({@code POST /2015-03-31/functions/{name}/invocations}) answered by the
 * local runtime, for SDKs, the CLI and moto's workflow engine alike: {@code X-Amz-Invocation-Type}
 * {@code RequestResponse} (the default) waits for the answer, {@code Event} queues it and answers
 * 202, {@code DryRun} answers 204. A function error is a 200 with {@code X-Amz-Function-Error}, as
 * in Lambda; an unknown function a 404 {@code ResourceNotFoundException}; a payload over Lambda's
 * limit (6 MB synchronous, 1 MB asynchronous) a 413.
 */
public final class LambdaInvokeApi {
  static final Pattern PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;

  private final Invoker invoker;
  private final Consumer<String> requireDeployed;

  /**
   * @param requireDeployed throws {@link FunctionNotFoundException} for a function that is not
   *     deployed
   */
  LambdaInvokeApi(Invoker invoker, Consumer<String> requireDeployed) {
    this.invoker = invoker;
    this.requireDeployed = requireDeployed;
  }

  /** The function named by an Invoke path, if the request is one. */
  public static Optional<String> functionOf(String method, String rawPath) {
    Matcher m = PATH.matcher(rawPath);
    return method.equals("POST") && m.matches()
        ? Optional.of(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))
        : Optional.empty();
  }

  void handle(HttpExchange exchange, String function, byte[] payload) throws IOException {
    String type =
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))
            .orElse("RequestResponse");
    byte[] input = payload.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
    try {
      switch (type) {
        case "Event" -> {
          if (input.length > MAX_ASYNC_PAYLOAD) {
            tooLarge(exchange, input.length, MAX_ASYNC_PAYLOAD);
            return;
          }
          invoker.invokeAsync(function, input);
          Edges.respond(exchange, 202, null, new byte[0]);
        }
        case "DryRun" -> {
          requireDeployed.accept(function);
          Edges.respond(exchange, 204, null, new byte[0]);
        }
        case "RequestResponse" -> {
          if (input.length > MAX_SYNC_PAYLOAD) {
            tooLarge(exchange, input.length, MAX_SYNC_PAYLOAD);
            return;
          }
          InvokeResult result = invoker.invoke(function, input);
          exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
          result
              .functionError()
              .ifPresent(e -> exchange.getResponseHeaders().set("X-Amz-Function-Error", e));
          Edges.respond(exchange, 200, "application/json", result.payload());
        }
        default ->
            error(
                exchange,
                400,
                "InvalidParameterValueException",
                "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, got " + type);
      }
    } catch (FunctionNotFoundException e) {
      error(exchange, 404, "ResourceNotFoundException", e.getMessage());
    } catch (RuntimeException e) {
      error(exchange, 500, "ServiceException", String.valueOf(e.getMessage()));
    }
  }

  private static void tooLarge(HttpExchange exchange, int size, int limit) throws IOException {
    error(
        exchange,
        413,
        "RequestTooLargeException",
        "Request must be smaller than "
            + limit
            + " bytes for the InvokeFunction operation, got "
            + size);
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
    Edges.respond(
        exchange,
        status,
        "application/json",
        Edges.json(Map.of("Type", "User", "Message", message, "message", message)));
  }
}
