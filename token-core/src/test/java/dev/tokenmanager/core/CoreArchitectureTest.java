package dev.tokenmanager.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tokenmanager.core.archfixture.PlantedForeignDependency;
import dev.tokenmanager.core.archfixture.PlantedPrint;
import dev.tokenmanager.core.archfixture.PlantedWallClockRead;
import dev.tokenmanager.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** token-core's own architecture: plain Java, time only from the Clock port, no printing. */
@AnalyzeClasses(packages = "dev.tokenmanager.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule coreDependsOnlyOnTheJdk = ArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK;

  @ArchTest
  static final ArchRule timeOnlyFromTheClockPort = ArchitectureRules.TIME_ONLY_FROM_THE_CLOCK_PORT;

  @ArchTest
  static final ArchRule onlyTheCommandLinePrints = ArchitectureRules.ONLY_THE_COMMAND_LINE_PRINTS;

  @Test
  void timeRule_aPlantedWallClockRead_isReportedTwice() {
    EvaluationResult result = evaluate(ArchitectureRules.TIME_ONLY_FROM_THE_CLOCK_PORT, PlantedWallClockRead.class);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).hasSize(2);
  }

  @Test
  void printRule_aPlantedPrint_isReported() {
    assertThat(evaluate(ArchitectureRules.ONLY_THE_COMMAND_LINE_PRINTS, PlantedPrint.class).hasViolation()).isTrue();
  }

  @Test
  void dependencyRule_aPlantedThirdPartyDependency_isReported() {
    // The fixture lives under dev.tokenmanager.core, so the core rule applies to it.
    assertThat(evaluate(ArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK, PlantedForeignDependency.class).hasViolation())
        .isTrue();
  }

  @Test
  void timeRule_theSystemClock_isTheOneExemption() {
    JavaClasses core = new ClassFileImporter().importPackages("dev.tokenmanager.core.port");

    assertThat(ArchitectureRules.TIME_ONLY_FROM_THE_CLOCK_PORT.evaluate(core).hasViolation()).isFalse();
  }

  private static EvaluationResult evaluate(ArchRule rule, Class<?> planted) {
    return rule.evaluate(new ClassFileImporter().importClasses(planted));
  }
}
