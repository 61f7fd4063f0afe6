package dev.brownout.local.testing;

import dev.brownout.local.testing.handlers.TestHandlers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deployment packages and functions for tests, deployed into moto as CDK deploys them: a zip in an
 * S3 bucket and {@code CreateFunction} naming its bucket and key.
 */
public final class TestFunctions {
  public static final String BUCKET = "test-assets";
  private static final String ASSUME_ROLE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private TestFunctions() {}

  public static S3Client s3() {
    return TestMoto.aws().s3();
  }

  public static LambdaClient lambda() {
    return TestMoto.aws().lambda();
  }

  static IamClient iam() {
    return IamClient.builder()
        .endpointOverride(TestMoto.endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }

  /** A jar of the test handlers, with {@code version.txt} saying {@code version}. */
  public static byte[] handlersJar(String version) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Path classes = testClasses();
    Path dir = classes.resolve(TestHandlers.class.getPackageName().replace('.', '/'));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        entries.put(classes.relativize(file).toString(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    entries.put("version.txt", version.getBytes(StandardCharsets.UTF_8));
    return zip(entries);
  }

  /** A deployment package with the handlers' jar in {@code lib/}, as the functions' package. */
  public static byte[] packageWithJar(byte[] jar) {
    return zip(Map.of("lib/handlers.jar", jar, "settings.txt", "packaged".getBytes()));
  }

  public static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Deploys a function of {@code zip}; answers its name. */
  public static String deploy(
      String handler, byte[] zip, int memoryMb, int timeoutSeconds, Map<String, String> env) {
    String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String key = UUID.randomUUID() + ".zip";
    S3Client s3 = s3();
    LambdaClient lambda = lambda();
    try (IamClient iam = iam()) {
      if (iam.listRoles().roles().stream().noneMatch(r -> r.roleName().equals("test"))) {
        iam.createRole(r -> r.roleName("test").assumeRolePolicyDocument(ASSUME_ROLE));
      }
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
        s3.createBucket(r -> r.bucket(BUCKET));
      }
      s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(zip));
      lambda.createFunction(
          r ->
              r.functionName(name)
                  .runtime(Runtime.JAVA21)
                  .role("arn:aws:iam::123456789012:role/test")
                  .handler(handler)
                  .memorySize(memoryMb)
                  .timeout(timeoutSeconds)
                  .environment(e -> e.variables(env))
                  .code(c -> c.s3Bucket(BUCKET).s3Key(key)));
    }
    return name;
  }

  /** The handler string of one of {@link TestHandlers}' classes. */
  public static String handler(Class<?> type) {
    return type.getName() + "::handleRequest";
  }

  public static Path testClasses() {
    try {
      return Path.of(
          TestHandlers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime interface client's jars, which {@code package} copies to target/lambda-runtime. */
  public static Path runtimeDir() {
    Path dir = Path.of("target", "lambda-runtime").toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " is missing: run ./mvnw package first");
    }
    return dir;
  }

  public static Path java() {
    return Path.of(ProcessHandle.current().info().command().orElse("java"));
  }

  public static List<String> lines(String text) {
    return text.lines().toList();
  }
}
