package dev.brownout.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuntimeNativeLibraryTest {
  @Test
  void onlyGlibcLinuxOnX86AndArmHasALibraryNamed() {
    assertThat(RuntimeNativeLibrary.entryFor("Linux", "amd64"))
        .contains("jni/libaws-lambda-jni.linux-x86_64.so");
    assertThat(RuntimeNativeLibrary.entryFor("Linux", "aarch64"))
        .contains("jni/libaws-lambda-jni.linux-aarch_64.so");
    assertThat(RuntimeNativeLibrary.entryFor("Mac OS X", "aarch64")).isEmpty();
    assertThat(RuntimeNativeLibrary.entryFor("Linux", "riscv64")).isEmpty();
  }
}
