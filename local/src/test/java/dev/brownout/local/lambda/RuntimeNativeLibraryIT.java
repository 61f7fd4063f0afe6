package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Against the runtime interface client's own jar, as {@code package} copies it to {@code
 * target/lambda-runtime}.
 */
class RuntimeNativeLibraryIT {
  private static final Path RUNTIME = Path.of("target", "lambda-runtime");

  @Test
  void theLibraryIsUnpackedOnceAndEveryFunctionJvmIsToldWhereItIs() throws IOException {
    String option = RuntimeNativeLibrary.option(RUNTIME).orElseThrow();

    assertThat(option).startsWith("-D" + RuntimeNativeLibrary.PROPERTY + "=");
    Path library = Path.of(option.substring(option.indexOf('=') + 1));
    assertThat(library).isRegularFile();
    assertThat(Files.readAllBytes(library)).startsWith(0x7f, 'E', 'L', 'F');
    assertThat(RuntimeNativeLibrary.option(RUNTIME)).as("unpacked once").contains(option);
  }

  @Test
  void thePropertyIsTheOneTheClientReadsBeforeUnpackingToTmp() throws IOException {
    try (var jars =
            Files.newDirectoryStream(RUNTIME, "aws-lambda-java-runtime-interface-client-*.jar");
        JarFile jar = new JarFile(jars.iterator().next().toFile());
        InputStream helper =
            jar.getInputStream(
                jar.getEntry(
                    "com/amazonaws/services/lambda/runtime/api/client/runtimeapi/JniHelper.class"))) {
      String constants = new String(helper.readAllBytes(), StandardCharsets.ISO_8859_1);

      assertThat(constants).contains(RuntimeNativeLibrary.PROPERTY, "/tmp/.libaws-lambda-jni.so");
    }
  }
}
