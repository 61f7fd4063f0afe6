package dev.brownout.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * The core decides; it neither talks to AWS nor looks at the clock (time is an input), and its
 * packages use each other one way only.
 */
class CoreArchitectureTest {
  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.brownout.core");

  @Test
  void coreUsesNoAwsOrLambdaTypes() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..", "software.constructs..")
        .check(core);
  }

  @Test
  void coreNeverReadsTheClock() {
    noClasses()
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Clock.class)
        .check(core);
  }

  /**
   * The catalog is read before anything decides from it: {@code policy} uses {@code catalog}, so
   * the catalog's validator cannot ask {@code policy}; LevelPolicy lives in {@code catalog}.
   */
  @Test
  void corePackagesDependOnEachOtherWithoutCycles() {
    slices().matching("dev.brownout.core.(*)..").should().beFreeOfCycles().check(core);
  }
}
