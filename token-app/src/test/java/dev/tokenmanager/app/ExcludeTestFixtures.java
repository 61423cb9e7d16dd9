package dev.tokenmanager.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Leaves the modules' test jars (shared fixtures) out of the architecture analysis: ArchUnit's
 * {@code DoNotIncludeTests} recognises test-classes folders but not Maven test jars.
 */
public final class ExcludeTestFixtures implements ImportOption {

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

  @Override
  public boolean includes(Location location) {
    return !location.matches(TEST_JAR) && !location.contains("/testing/");
  }
}
