package dev.brownout.local.lambda;

import java.time.Duration;
import java.util.Map;

/**
 * A deployed function as Lambda's {@code GetFunction} describes it: what the local runtime needs to
 * run it.
 *
 * @param codeKey the S3 key of its deployment package (functions deployed by CloudFormation or with
 *     {@code S3Bucket}/{@code S3Key}); the bucket is not reported by moto
 * @param codeSha256 the package's hash: runtimes started from another package are not reused
 */
public record FunctionConfig(
    String name,
    String arn,
    String handler,
    String runtime,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    String codeKey,
    String codeSha256) {

  public FunctionConfig {
    environment = Map.copyOf(environment);
  }

  /** The function name in a name, a partial ARN or a (qualified) ARN. */
  public static String nameOf(String nameOrArn) {
    String[] parts = nameOrArn.split(":");
    // arn:aws:lambda:region:account:function:name[:qualifier]
    if (parts.length >= 7 && parts[0].equals("arn")) {
      return parts[6];
    }
    // account:function:name[:qualifier] or name:qualifier
    if (parts.length >= 3 && parts[1].equals("function")) {
      return parts[2];
    }
    return parts[0];
  }
}
