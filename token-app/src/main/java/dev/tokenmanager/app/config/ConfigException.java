package dev.tokenmanager.app.config;

/**
 * A setting is missing or invalid. The message names the setting and never shows its value.
 */
public final class ConfigException extends RuntimeException {

  private final String setting;

  /**
   * Creates the exception.
   *
   * @param setting the name of the setting, such as {@code ZOOM_CLIENT_ID}
   * @param problem what is wrong with it, without its value
   */
  public ConfigException(String setting, String problem) {
    super(setting + " " + problem);
    this.setting = setting;
  }

  /** Returns the name of the setting at fault. */
  public String setting() {
    return setting;
  }
}
