package dev.tokenmanager.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tokenmanager.core.testing.ArchitectureRules;
import java.util.List;

/** The layering of the whole product, read across every module on token-app's classpath. */
@AnalyzeClasses(packages = "dev.tokenmanager",
    importOptions = {ImportOption.DoNotIncludeTests.class, ExcludeTestFixtures.class})
class AppArchitectureTest {

  private static final String CORE = "dev.tokenmanager.core..";
  private static final String MEMORY = "dev.tokenmanager.memory..";
  private static final String REDIS = "dev.tokenmanager.redis..";
  private static final String ZOOM = "dev.tokenmanager.zoom..";
  private static final String APP = "dev.tokenmanager.app..";
  private static final List<String> VENDORS = List.of("io.lettuce.", "io.netty.", "feign.", "com.fasterxml.",
      "com.github.benmanes.", "reactor.");

  @ArchTest
  static final ArchRule coreDependsOnlyOnTheJdk = ArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK;

  @ArchTest
  static final ArchRule onlyTheCommandLinePrints = ArchitectureRules.ONLY_THE_COMMAND_LINE_PRINTS;

  @ArchTest
  static final ArchRule timeOnlyFromTheClockPortInCoreAndAdapters = noClasses()
      .that().resideInAnyPackage(CORE, MEMORY, REDIS, ZOOM)
      .and().doNotHaveFullyQualifiedName(ArchitectureRules.SYSTEM_CLOCK)
      .should().accessTargetWhere(ArchitectureRules.wallClockAccess())
      .because("core and adapters take time only from the Clock port");

  @ArchTest
  static final ArchRule memoryAdapterKnowsNoOtherAdapter = noClasses().that().resideInAPackage(MEMORY)
      .should().dependOnClassesThat().resideInAnyPackage(REDIS, ZOOM, APP);

  @ArchTest
  static final ArchRule redisAdapterKnowsNoOtherAdapter = noClasses().that().resideInAPackage(REDIS)
      .should().dependOnClassesThat().resideInAnyPackage(MEMORY, ZOOM, APP);

  @ArchTest
  static final ArchRule zoomAdapterKnowsNoOtherAdapter = noClasses().that().resideInAPackage(ZOOM)
      .should().dependOnClassesThat().resideInAnyPackage(MEMORY, REDIS, APP);

  @ArchTest
  static final ArchRule onlyTheAppKnowsGuice = noClasses().that().resideOutsideOfPackage(APP)
      .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..")
      .because("Guice lives only in token-app and only calls the adapters' factories");

  @ArchTest
  static final ArchRule nobodyUsesJavaxInject = noClasses()
      .should().dependOnClassesThat().resideInAPackage("javax.inject..")
      .because("Guice 7 ignores javax.inject annotations silently");

  @ArchTest
  static final ArchRule onlyTheRedisAdapterUsesLettuce = noClasses().that().resideOutsideOfPackages(REDIS)
      .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..");

  @ArchTest
  static final ArchRule onlyTheZoomAdapterUsesFeign = noClasses().that().resideOutsideOfPackages(ZOOM)
      .should().dependOnClassesThat().resideInAnyPackage("feign..");

  @ArchTest
  static final ArchRule onlyTheMemoryAdapterUsesCaffeine = noClasses().that().resideOutsideOfPackages(MEMORY)
      .should().dependOnClassesThat().resideInAnyPackage("com.github.benmanes.caffeine..");

  @ArchTest
  static final ArchRule noVendorTypeInAnAdaptersPublicSignatures = codeUnits()
      .that().areDeclaredInClassesThat().resideInAnyPackage(MEMORY, REDIS, ZOOM)
      // The Feign integration for teams' own Zoom API clients is a Feign extension by nature.
      .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.tokenmanager.zoom.api..")
      .and().areDeclaredInClassesThat().arePublic()
      .and().arePublic()
      .should(notExposeVendorTypes())
      .because("callers of an adapter see core types only, so the library behind it can change");

  private static ArchCondition<JavaCodeUnit> notExposeVendorTypes() {
    return new ArchCondition<>("not take or return a vendor type") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        if (unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        for (JavaClass type : unit.getRawParameterTypes()) {
          report(unit, type, events);
        }
        report(unit, unit.getRawReturnType(), events);
      }

      private void report(JavaCodeUnit unit, JavaClass type, ConditionEvents events) {
        String name = type.getBaseComponentType().getName();
        if (VENDORS.stream().anyMatch(name::startsWith)) {
          events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + name));
        }
      }
    };
  }
}
