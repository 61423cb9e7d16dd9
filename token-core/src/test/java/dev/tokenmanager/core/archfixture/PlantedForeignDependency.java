package dev.tokenmanager.core.archfixture;

/** A deliberate violation: depends on a third-party class (ArchUnit, present on the test classpath). */
public final class PlantedForeignDependency {

  /** Returns a third-party type. */
  public Class<?> foreign() {
    return com.tngtech.archunit.core.domain.JavaClass.class;
  }
}
