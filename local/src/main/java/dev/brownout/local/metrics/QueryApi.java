package dev.brownout.local.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * CloudWatch's Query protocol: a form-encoded {@code POST /} signed with SigV4 for the service
 * {@code monitoring}. The AWS SDK's own CloudWatch client speaks RPC-v2 CBOR, which moto 5.2.1 does
 * not answer; moto routes the call to CloudWatch, and to the region, by the signature's credential
 * scope.
 */
final class QueryApi {
  static final String SERVICE = "monitoring";

  /** moto takes any key; this one maps to its default account 123456789012. */
  private static final AwsCredentialsIdentity CREDENTIALS =
      AwsCredentialsIdentity.create("test", "test");

  /** java.net.http sets these itself and refuses them from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final String region;
  private final HttpClient http;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  QueryApi(URI endpoint, String region) {
    this.endpoint = endpoint.resolve("/");
    this.region = region;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  record Response(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  /**
   * Sends one call and returns CloudWatch's answer, whatever its status.
   *
   * @param form the form-encoded parameters, {@code Action=...&Version=2010-08-01&...}
   * @throws IOException if there is no answer
   */
  Response call(String form) throws IOException, InterruptedException {
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .build();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(CREDENTIALS)
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromUtf8String(form))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(CALL_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(form));
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.body());
  }

  URI endpoint() {
    return endpoint;
  }
}
