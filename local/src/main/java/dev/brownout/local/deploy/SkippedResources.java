package dev.brownout.local.deploy;

import java.util.Map;
import java.util.Set;

/**
 * What it means locally that moto's CloudFormation skipped a resource type (it logs "No Moto
 * CloudFormation support for ..." and reports the stack created).
 */
public final class SkippedResources {
  private static final Map<String, String> MEANING =
      Map.ofEntries(
          Map.entry(
              "AWS::ApiGateway::Stage",
              "no stage settings: throttling, access logs and tracing of the API are not applied"
                  + " locally; the local API serves the stage named in the template"),
          Map.entry(
              "AWS::ApiGateway::Account", "API Gateway's logging role: no execution logs locally"),
          Map.entry(
              "AWS::ApiGateway::RequestValidator",
              "API Gateway does not validate requests locally (the API function checks them"
                  + " itself)"),
          Map.entry("AWS::CloudWatch::Alarm", "alarms are not evaluated locally"),
          Map.entry("AWS::SQS::QueuePolicy", "queue policies: IAM is not enforced locally"),
          Map.entry("AWS::SNS::TopicPolicy", "topic policies: IAM is not enforced locally"),
          Map.entry("AWS::S3::BucketPolicy", "bucket policies: IAM is not enforced locally"),
          Map.entry("AWS::CDK::Metadata", "the CDK's own metadata: nothing to run"),
          Map.entry("AWS::Lambda::Alias", "no aliases: callers target the unqualified functions"),
          Map.entry("AWS::Lambda::Url", "no function URLs: call the functions through the API"));

  private SkippedResources() {}

  /** One line per skipped type: the type and its consequence. */
  public static String describe(Set<String> types) {
    StringBuilder text = new StringBuilder();
    for (String type : types) {
      text.append("  ")
          .append(type)
          .append(": ")
          .append(MEANING.getOrDefault(type, "not created locally"))
          .append('\n');
    }
    return text.toString();
  }
}
