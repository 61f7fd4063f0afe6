package dev.brownout.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.brownout.local.edge.Edge;
import dev.brownout.local.edge.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsFaultsTest {
  private static final AwsTargets TARGETS =
      new AwsTargets("shop-api", "shop-evaluator", "shop-cache", "shop-status");

  /** One request of each kind the faults tell apart, by what it is. */
  private static Map<String, Request> requests() {
    Map<String, Request> r = new LinkedHashMap<>();
    r.put(
        "cache table, by the API",
        dynamoDb("shop-api", "GetItem", "{\"TableName\":\"shop-cache\"}"));
    r.put(
        "cache table in a batch",
        dynamoDb("shop-api", "BatchWriteItem", "{\"RequestItems\":{\"shop-cache\":[]}}"));
    r.put(
        "status table, by the checks",
        dynamoDb("shop-health", "PutItem", "{\"TableName\":\"shop-status\"}"));
    r.put(
        "status table, by the API",
        dynamoDb("shop-api", "Query", "{\"TableName\":\"shop-status\"}"));
    r.put("demo table", dynamoDb("shop-health", "GetItem", "{\"TableName\":\"shop-products\"}"));
    r.put("ssm, by the API", ssm("shop-api"));
    r.put("ssm, by the evaluator", ssm("shop-evaluator"));
    r.put("ssm, by a function named like the API's prefix", ssm("shop-api-2"));
    r.put("invoke of the evaluator", invoke("shop-evaluator"));
    r.put(
        "invoke of the evaluator by its ARN",
        invoke("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Ashop-evaluator"));
    r.put("invoke of the API", invoke("shop-api"));
    r.put(
        "evaluator's configuration",
        new Request("GET", "/2015-03-31/functions/shop-evaluator", Map.of(), ""));
    return r;
  }

  /** Which of {@link #requests()} each fault may touch. */
  private static final Map<String, List<String>> TOUCHES =
      Map.of(
          AwsFaults.CACHE_TABLE,
          List.of("cache table, by the API", "cache table in a batch"),
          AwsFaults.STATUS_TABLE,
          List.of("status table, by the checks", "status table, by the API"),
          AwsFaults.SSM_API,
          List.of("ssm, by the API"),
          AwsFaults.WORKFLOW,
          List.of("invoke of the evaluator", "invoke of the evaluator by its ARN"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        AwsFaults.CACHE_TABLE,
        AwsFaults.STATUS_TABLE,
        AwsFaults.SSM_API,
        AwsFaults.WORKFLOW
      })
  void aFaultDownEndsOnlyItsOwnRequestsUnansweredAndPassesEveryOtherUntouched(String fault)
      throws Exception {
    AwsFaults faults = new AwsFaults(TARGETS);
    faults.faults().set(fault, Fault.DOWN);
    Edge.Route route = faults.route();

    for (Map.Entry<String, Request> e : requests().entrySet()) {
      FakeExchange exchange = e.getValue().exchange();
      boolean handled = route.handle(exchange, RequestBody.of(exchange, e.getValue().bytes()));

      if (TOUCHES.get(fault).contains(e.getKey())) {
        assertThat(handled).as("%s under %s down", e.getKey(), fault).isTrue();
        assertThat(exchange.closed).as("%s: connection ended", e.getKey()).isTrue();
        assertThat(exchange.status).as("%s: no answer", e.getKey()).isZero();
      } else {
        assertThat(handled).as("%s passes under %s down", e.getKey(), fault).isFalse();
        assertThat(exchange.closed).as("%s: left open", e.getKey()).isFalse();
        assertThat(exchange.status).as("%s: not answered here", e.getKey()).isZero();
      }
    }
  }

  @Test
  void withEveryFaultUpEveryRequestPassesUntouched() throws Exception {
    Edge.Route route = new AwsFaults(TARGETS).route();

    for (Map.Entry<String, Request> e : requests().entrySet()) {
      FakeExchange exchange = e.getValue().exchange();
      assertThat(route.handle(exchange, RequestBody.of(exchange, e.getValue().bytes())))
          .as(e.getKey())
          .isFalse();
      assertThat(exchange.closed || exchange.status != 0).as(e.getKey()).isFalse();
    }
  }

  @Test
  void theTablesErrorIsDynamoDbsInternalServerError() throws Exception {
    AwsFaults faults = new AwsFaults(TARGETS);
    faults.faults().set(AwsFaults.CACHE_TABLE, Fault.ERROR);

    FakeExchange exchange = handled(faults, requests().get("cache table, by the API"));

    assertThat(exchange.status).isEqualTo(500);
    assertThat(exchange.body()).contains("InternalServerError").contains("shop-cache");
  }

  @Test
  void theSsmErrorIsSsmsInternalServerErrorNamingTheFault() throws Exception {
    AwsFaults faults = new AwsFaults(TARGETS);
    faults.faults().set(AwsFaults.SSM_API, Fault.ERROR);

    FakeExchange exchange = handled(faults, requests().get("ssm, by the API"));

    assertThat(exchange.status).isEqualTo(500);
    assertThat(exchange.getResponseHeaders().getFirst("Content-Type"))
        .isEqualTo("application/x-amz-json-1.1");
    assertThat(exchange.body()).contains("InternalServerError").contains(AwsFaults.SSM_API);
  }

  @Test
  void theWorkflowErrorIsAFunctionErrorOfTheEvaluator() throws Exception {
    AwsFaults faults = new AwsFaults(TARGETS);
    faults.faults().set(AwsFaults.WORKFLOW, Fault.ERROR);

    FakeExchange exchange = handled(faults, requests().get("invoke of the evaluator"));

    assertThat(exchange.status).isEqualTo(200);
    assertThat(exchange.getResponseHeaders().getFirst("X-Amz-Function-Error"))
        .isEqualTo("Unhandled");
    assertThat(exchange.body()).contains("\"errorType\":\"BrownoutFault\"");
  }

  @Test
  void aFlakyFaultFailsEveryOtherRequestOfItsTarget() throws Exception {
    AwsFaults faults = new AwsFaults(TARGETS);
    faults.faults().set(AwsFaults.STATUS_TABLE, Fault.FLAKY);
    Edge.Route route = faults.route();

    List<Boolean> handled = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Request r = requests().get("status table, by the checks");
      FakeExchange exchange = r.exchange();
      handled.add(route.handle(exchange, RequestBody.of(exchange, r.bytes())));
    }

    assertThat(handled).containsExactly(true, false, true, false);
  }

  private static FakeExchange handled(AwsFaults faults, Request request) throws Exception {
    FakeExchange exchange = request.exchange();
    assertThat(faults.route().handle(exchange, RequestBody.of(exchange, request.bytes()))).isTrue();
    return exchange;
  }

  private static Request dynamoDb(String signer, String operation, String body) {
    return new Request(
        "POST",
        "/",
        Map.of(
            "X-Amz-Target", "DynamoDB_20120810." + operation, "Authorization", signature(signer)),
        body);
  }

  private static Request ssm(String signer) {
    return new Request(
        "POST",
        "/",
        Map.of("X-Amz-Target", "AmazonSSM.GetParametersByPath", "Authorization", signature(signer)),
        "{\"Path\":\"/brownout/shop\"}");
  }

  private static Request invoke(String function) {
    return new Request(
        "POST",
        "/2015-03-31/functions/" + function + "/invocations",
        Map.of("Authorization", signature("moto")),
        "{}");
  }

  private static String signature(String accessKeyId) {
    return "AWS4-HMAC-SHA256 Credential="
        + accessKeyId
        + "/20261127/us-east-1/ssm/aws4_request, SignedHeaders=host, Signature=00";
  }

  private record Request(String method, String path, Map<String, String> headers, String body) {
    byte[] bytes() {
      return body.getBytes(StandardCharsets.UTF_8);
    }

    FakeExchange exchange() {
      FakeExchange exchange = new FakeExchange(method, URI.create(path), bytes());
      headers.forEach(exchange.getRequestHeaders()::add);
      return exchange;
    }
  }

  /** An exchange that records what a route did with it: closed it, or answered it. */
  private static final class FakeExchange extends HttpExchange {
    private final String method;
    private final URI uri;
    private final byte[] request;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream response = new ByteArrayOutputStream();
    boolean closed;
    int status;

    FakeExchange(String method, URI uri, byte[] request) {
      this.method = method;
      this.uri = uri;
      this.request = request;
    }

    String body() {
      return response.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return uri;
    }

    @Override
    public String getRequestMethod() {
      return method;
    }

    @Override
    public HttpContext getHttpContext() {
      return null;
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public InputStream getRequestBody() {
      return new ByteArrayInputStream(request);
    }

    @Override
    public OutputStream getResponseBody() {
      return response;
    }

    @Override
    public void sendResponseHeaders(int code, long length) {
      status = code;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return new InetSocketAddress("127.0.0.1", 50000);
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return new InetSocketAddress("127.0.0.1", 4566);
    }

    @Override
    public String getProtocol() {
      return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public void setAttribute(String name, Object value) {}

    @Override
    public void setStreams(InputStream i, OutputStream o) {}

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
