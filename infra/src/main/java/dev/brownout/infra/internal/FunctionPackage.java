package dev.brownout.infra.internal;

import dev.brownout.core.contract.FunctionEnvironment;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The one deployment package of every function (the shaded jar in {@code lib/} and the catalog
 * beside it, read as {@code brownout.yaml} of the package root: {@code /var/task} in AWS, wherever
 * the local cloud unpacks it locally), and functions made from it the same way: java21 on arm64, a
 * log group with retention, X-Ray, and SnapStart behind a {@code live} alias.
 */
public final class FunctionPackage {
  /** Relative: the functions resolve it against {@code LAMBDA_TASK_ROOT}, the package's root. */
  public static final String CATALOG_IN_PACKAGE = "brownout.yaml";

  private final Code code;
  private final FunctionPackageProps props;

  public FunctionPackage(FunctionPackageProps props) {
    this.props = props;
    this.code = Code.fromAsset(stage(props).toString());
  }

  private static Path stage(FunctionPackageProps props) {
    if (!Files.isRegularFile(props.functionsJar())) {
      throw new IllegalStateException(
          "The functions jar "
              + props.functionsJar()
              + " does not exist: build it first with ./mvnw -q package -DskipTests");
    }
    try {
      Path dir = Files.createTempDirectory("brownout-functions");
      Files.createDirectories(dir.resolve("lib"));
      Files.copy(
          props.functionsJar(),
          dir.resolve("lib/brownout-functions.jar"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          props.catalogFile(), dir.resolve("brownout.yaml"), StandardCopyOption.REPLACE_EXISTING);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the functions' package", e);
    }
  }

  /** A function of the package; memory and timeout are the caller's choice, with its reason. */
  public Deployed function(
      Construct scope,
      String id,
      String handler,
      int memoryMb,
      Duration timeout,
      Map<String, String> environment) {
    LogGroup logs = logGroup(scope, id + "Logs", props.logRetentionDays());
    Map<String, String> env = new HashMap<>(environment);
    env.put(FunctionEnvironment.CATALOG, CATALOG_IN_PACKAGE);
    env.put("POWERTOOLS_SERVICE_NAME", id);
    // C1 only: a shorter cold start, as AWS advises for Java functions that run briefly.
    env.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    Function.Builder builder =
        Function.Builder.create(scope, id)
            .runtime(Runtime.JAVA_21)
            .architecture(Architecture.ARM_64)
            .code(code)
            .handler(handler)
            .memorySize(memoryMb)
            .timeout(timeout)
            .environment(env)
            .logGroup(logs)
            .tracing(Tracing.ACTIVE);
    if (props.snapStart()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    Function function = builder.build();
    suppressNagFindings(function);
    IFunction target =
        props.snapStart()
            ? Alias.Builder.create(scope, id + "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build()
            : function;
    return new Deployed(function, target, logs);
  }

  /**
   * What every function of the package accepts; each construct accepts the dead-letter finding of
   * its own functions, whose reasons differ by caller. Called when the function is built: its role
   * and the role's X-Ray policy exist by then.
   */
  private void suppressNagFindings(Function function) {
    String runtime =
        "Brownout targets the java21 runtime on purpose: its bytecode is Java 21 and SnapStart supports it";
    NagSuppressions.addResourceSuppressions(
        function,
        List.of(
            NagFindings.accept("AwsSolutions-L1", runtime),
            NagFindings.accept("Serverless-LambdaLatestVersion", runtime)));
    NagSuppressions.addResourceSuppressions(
        function.getRole(),
        List.of(
            NagFindings.acceptMatching(
                "AwsSolutions-IAM4",
                "AWSLambdaBasicExecutionRole only lets the function write its own logs; CDK attaches it to every function role",
                "/^Policy::arn:"
                    + NagFindings.PARTITION
                    + ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole$/"),
            NagFindings.acceptOnly(
                "AwsSolutions-IAM5",
                "X-Ray's PutTraceSegments and PutTelemetryRecords have no resource-level permissions",
                "Resource::*")),
        true);
    if (props.snapStart()) {
      // The live alias points at the function's current version, which the stack publishes.
      Annotations.of(function)
          .acknowledgeWarning(
              "@aws-cdk/aws-lambda:snapStartRequirePublish",
              "The stack publishes a version (currentVersion) and the live alias that callers use points at it");
    }
  }

  /**
   * A deployed function and what others should call: its {@code live} alias with SnapStart, the
   * function itself without.
   */
  public record Deployed(Function function, IFunction target, LogGroup logs) {}

  /** A log group of the stack: kept {@code days}, removed with the stack. */
  public static LogGroup logGroup(Construct scope, String id, int days) {
    return LogGroup.Builder.create(scope, id)
        .retention(retention(days))
        .removalPolicy(RemovalPolicy.DESTROY)
        .build();
  }

  /** The retention CloudWatch Logs offers for a number of days. */
  public static RetentionDays retention(int days) {
    return switch (days) {
      case 1 -> RetentionDays.ONE_DAY;
      case 3 -> RetentionDays.THREE_DAYS;
      case 5 -> RetentionDays.FIVE_DAYS;
      case 7 -> RetentionDays.ONE_WEEK;
      case 14 -> RetentionDays.TWO_WEEKS;
      case 30 -> RetentionDays.ONE_MONTH;
      case 60 -> RetentionDays.TWO_MONTHS;
      case 90 -> RetentionDays.THREE_MONTHS;
      case 180 -> RetentionDays.SIX_MONTHS;
      case 365 -> RetentionDays.ONE_YEAR;
      default ->
          throw new IllegalArgumentException(
              "log retention must be 1, 3, 5, 7, 14, 30, 60, 90, 180 or 365 days, got " + days);
    };
  }
}
