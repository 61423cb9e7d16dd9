package dev.tokenmanager.core.testing;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The architecture rules of Token Manager as ArchUnit rules, shared by every module's tests so the
 * rules read like the architecture and bite wherever code is planted.
 */
public final class ArchitectureRules {

  /** The only class allowed to read the wall clock or wait for real time. */
  public static final String SYSTEM_CLOCK = "dev.tokenmanager.core.port.SystemClock";

  private ArchitectureRules() {}

  /** token-core depends on the JDK (javax.crypto is part of java.base) and on itself, nothing else. */
  public static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK = classes()
      .that().resideInAPackage("dev.tokenmanager.core..")
      .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "dev.tokenmanager.core..")
      .because("token-core is plain Java: adapters bring the libraries");

  /** Time comes only from the Clock port: no wall-clock read, no sleeping, outside the system clock. */
  public static final ArchRule TIME_ONLY_FROM_THE_CLOCK_PORT = noClasses()
      .that().doNotHaveFullyQualifiedName(SYSTEM_CLOCK)
      .should().accessTargetWhere(wallClockAccess())
      .because("time comes only from the Clock port, so tests and simulations move time instead of sleeping");

  /** Only the command-line layer prints; everything else reports events or logs through SLF4J. */
  public static final ArchRule ONLY_THE_COMMAND_LINE_PRINTS = noClasses()
      .that().resideOutsideOfPackage("..cli..")
      .should().accessTargetWhere(printing())
      .because("core reports, the app logs; only the command-line layer writes to the console");

  /** Wall-clock reads and real-time waits, including method references such as {@code Instant::now}. */
  public static DescribedPredicate<JavaAccess<?>> wallClockAccess() {
    return call(Instant.class, "now")
        .or(call(LocalDateTime.class, "now"))
        .or(call(LocalDate.class, "now"))
        .or(call(ZonedDateTime.class, "now"))
        .or(call(OffsetDateTime.class, "now"))
        .or(target(owner(type(java.time.Clock.class))))
        .or(call(System.class, "currentTimeMillis"))
        .or(call(System.class, "nanoTime"))
        .or(call(Thread.class, "sleep"))
        .as("a wall-clock read or a real-time sleep");
  }

  /** Writes to standard output or error, and stack traces printed to them. */
  public static DescribedPredicate<JavaAccess<?>> printing() {
    return call(System.class, "out")
        .or(call(System.class, "err"))
        .or(call(Throwable.class, "printStackTrace"))
        .as("a print to the console");
  }

  // target(owner(..).and(name(..))) matches too much in ArchUnit 1.5; two targets joined by and() do not.
  private static DescribedPredicate<JavaAccess<?>> call(Class<?> owner, String member) {
    return target(owner(type(owner))).and(target(name(member)));
  }

  private static DescribedPredicate<JavaClass> type(Class<?> type) {
    return JavaClass.Predicates.equivalentTo(type);
  }
}
