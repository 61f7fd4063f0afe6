package dev.brownout.functions.handlers.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An AWS SDK HTTP client that never connects: every call is answered in process, 200 with the
 * answer set for its operation ({@code X-Amz-Target}, e.g. {@code DynamoDB_20120810.GetItem}) or
 * else an empty JSON object, which every JSON-protocol operation Brownout calls reads as "nothing
 * there". SDK clients built on it ({@code AwsClients.Transport.standIn}) run their whole request
 * path (endpoint rules, marshalling, signing, interceptors, unmarshalling) with no network, no DNS
 * and nothing written anywhere. It remembers the operations it was asked, in order.
 */
public final class InProcessAws implements SdkHttpClient {
  private final Map<String, String> answers;
  private final List<String> operations = new ArrayList<>();

  /**
   * @param answers JSON bodies by operation ({@code X-Amz-Target})
   */
  public InProcessAws(Map<String, String> answers) {
    this.answers = Map.copyOf(answers);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream body = request.contentStreamProvider().get().newStream()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
        String operation =
            request
                .httpRequest()
                .firstMatchingHeader("X-Amz-Target")
                .orElse(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
        synchronized (operations) {
          operations.add(operation);
        }
        byte[] answer = answers.getOrDefault(operation, "{}").getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("Content-Length", Integer.toString(answer.length))
                    .putHeader("x-amzn-RequestId", "snapstart-priming")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
            .build();
      }

      @Override
      public void abort() {
        // nothing in flight: the answer is already there
      }
    };
  }

  /** The operations asked so far, in order. */
  public List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  @Override
  public String clientName() {
    return "InProcess";
  }

  @Override
  public void close() {
    // holds nothing
  }
}
