package dev.brownout.local.apigateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One method of a deployed REST API resource, with its integration, as moto's {@code GetResources}
 * reports it ({@code resourceMethods.<METHOD>} and its {@code methodIntegration}).
 *
 * @param httpMethod {@code DELETE}, {@code GET}, {@code HEAD}, {@code OPTIONS}, {@code PATCH},
 *     {@code POST}, {@code PUT} or {@code ANY}, upper case as API Gateway stores it
 * @param integrationType {@code AWS_PROXY} for a Lambda proxy integration; {@code AWS}, {@code
 *     HTTP}, {@code HTTP_PROXY}, {@code MOCK} are kept so the caller can refuse them
 * @param integrationHttpMethod the integration's own method ({@code POST} for Lambda), or null
 * @param integrationUri the integration's URI, or null (a {@code MOCK} integration has none)
 * @param integrationTimeout the integration's {@code timeoutInMillis}; {@link #DEFAULT_TIMEOUT}
 *     when moto reports none
 * @throws IllegalArgumentException for a method API Gateway does not know or a missing type
 */
public record ApiMethod(
    String httpMethod,
    String integrationType,
    String integrationHttpMethod,
    String integrationUri,
    Duration integrationTimeout) {

  /** API Gateway's integration timeout when none is set: 29 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(29_000);

  /** The methods API Gateway serves; {@code ANY} stands for all of them. */
  static final Set<String> HTTP_METHODS =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

  static final String ANY = "ANY";

  private static final Pattern INVOCATION_URI =
      Pattern.compile(
          "arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations");
  // Lambda's own rules: a 1-64 character name, an optional version, alias or $LATEST.
  private static final Pattern FUNCTION_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}"
              + "(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");

  public ApiMethod {
    if (!ANY.equals(httpMethod) && !HTTP_METHODS.contains(httpMethod)) {
      throw new IllegalArgumentException(
          "method \""
              + httpMethod
              + "\" is not one API Gateway serves (ANY, DELETE, GET, HEAD, OPTIONS, PATCH, POST,"
              + " PUT)");
    }
    if (integrationType == null || integrationType.isBlank()) {
      throw new IllegalArgumentException("method " + httpMethod + " has no integration type");
    }
    integrationTimeout = Objects.requireNonNullElse(integrationTimeout, DEFAULT_TIMEOUT);
    if (integrationTimeout.isNegative() || integrationTimeout.isZero()) {
      throw new IllegalArgumentException(
          "method " + httpMethod + " has integration timeout " + integrationTimeout);
    }
  }

  /** A Lambda proxy integration: {@code AWS_PROXY}. */
  public static ApiMethod lambdaProxy(String httpMethod, String integrationUri) {
    return new ApiMethod(httpMethod, "AWS_PROXY", "POST", integrationUri, DEFAULT_TIMEOUT);
  }

  public boolean isLambdaProxy() {
    return "AWS_PROXY".equals(integrationType);
  }

  /**
   * The function this method's {@code AWS_PROXY} integration invokes.
   *
   * @throws IllegalStateException if the integration is not {@code AWS_PROXY}
   * @throws IllegalArgumentException if its URI is not a Lambda invocation URI, as {@link
   *     #lambdaFunctionArn(String)}
   */
  public String lambdaFunctionArn() {
    if (!isLambdaProxy()) {
      throw new IllegalStateException(
          "method "
              + httpMethod
              + " has a "
              + integrationType
              + " integration; only AWS_PROXY integrations invoke a Lambda function here");
    }
    return lambdaFunctionArn(integrationUri);
  }

  /**
   * The Lambda function ARN in an {@code AWS_PROXY} integration URI such as {@code
   * arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:NAME/invocations}.
   * A qualified ARN (version, alias) keeps its qualifier.
   *
   * @throws IllegalArgumentException quoting the URI when it is missing, names its function through
   *     a stage variable, is not a Lambda invocation URI, or does not carry a function ARN
   */
  public static String lambdaFunctionArn(String integrationUri) {
    String expected =
        " (expected arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function"
            + " ARN>/invocations)";
    if (integrationUri == null || integrationUri.isBlank()) {
      throw new IllegalArgumentException("the integration has no URI" + expected);
    }
    if (integrationUri.contains("${stageVariables.")) {
      throw new IllegalArgumentException(
          "integration URI \""
              + integrationUri
              + "\" names its function through a stage variable, which the local cloud does not"
              + " resolve");
    }
    Matcher uri = INVOCATION_URI.matcher(integrationUri);
    if (!uri.matches()) {
      throw new IllegalArgumentException(
          "integration URI \"" + integrationUri + "\" is not a Lambda invocation URI" + expected);
    }
    String function = uri.group(1);
    if (!FUNCTION_ARN.matcher(function).matches()) {
      throw new IllegalArgumentException(
          "integration URI \""
              + integrationUri
              + "\" names \""
              + function
              + "\", which is not a Lambda function ARN"
              + " (arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>])");
    }
    return function;
  }
}
