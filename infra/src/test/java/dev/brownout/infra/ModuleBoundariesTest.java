package dev.brownout.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * An {@code internal} package is its parent's business: only the parent package and what lies under
 * it may use it, so what another module needs is public on purpose. Checked here because this
 * module's tests see core, functions and infra together; local and bench are not on this class path
 * (neither uses an internal package today).
 */
class ModuleBoundariesTest {
  private final JavaClasses brownout =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.brownout");

  @Test
  void anInternalPackageIsUsedOnlyUnderItsParent() {
    classes()
        .that()
        .resideInAPackage("..internal..")
        .should(beUsedOnlyUnderTheirParent())
        .check(brownout);
  }

  /** The rule above would pass on nothing at all; this shows it sees each internal package. */
  @Test
  void theRuleSeesEveryInternalPackage() {
    assertThat(
            brownout.stream().map(JavaClass::getPackageName).filter(p -> p.contains(".internal")))
        .contains("dev.brownout.core.catalog.internal", "dev.brownout.infra.internal");
  }

  private static ArchCondition<JavaClass> beUsedOnlyUnderTheirParent() {
    return new ArchCondition<>("be used only by classes under their internal package's parent") {
      @Override
      public void check(JavaClass internal, ConditionEvents events) {
        String name = internal.getPackageName();
        String parent = name.substring(0, name.indexOf(".internal"));
        for (Dependency use : internal.getDirectDependenciesToSelf()) {
          String user = use.getOriginClass().getPackageName();
          boolean underParent = user.equals(parent) || user.startsWith(parent + ".");
          events.add(new SimpleConditionEvent(internal, underParent, use.getDescription()));
        }
      }
    };
  }
}
