package dev.tokenmanager.core.archfixture;

/** A deliberate violation: prints to the console outside the command-line layer. */
public final class PlantedPrint {

  /** Prints. */
  public void print() {
    System.out.println("a planted print");
  }
}
