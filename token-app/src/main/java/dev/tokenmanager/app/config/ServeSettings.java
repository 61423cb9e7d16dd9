package dev.tokenmanager.app.config;

import dev.tokenmanager.core.model.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the token service: its apps, its store and the key that opens {@code /token}.
 *
 * @param accounts the apps, at least one
 * @param store the shared store and its encryption
 * @param serveKey the bearer key callers of {@code GET /token} present ({@code TOKEN_SERVE_KEY});
 *     without it that endpoint is off
 */
public record ServeSettings(List<AccountSettings> accounts, StoreSettings store, Optional<Secret> serveKey) {

  /** The shortest {@code TOKEN_SERVE_KEY} accepted. */
  public static final int MIN_SERVE_KEY_LENGTH = 16;

  /**
   * Reads and validates the settings.
   *
   * @param env the environment
   * @return the settings
   * @throws ConfigException naming the first missing or invalid variable, never its value
   */
  public static ServeSettings from(Environment env) {
    List<AccountSettings> accounts = AccountSettings.listFrom(env);
    Optional<Secret> key = env.get("TOKEN_SERVE_KEY").map(value -> {
      if (value.length() < MIN_SERVE_KEY_LENGTH) {
        throw new ConfigException("TOKEN_SERVE_KEY", "must be at least " + MIN_SERVE_KEY_LENGTH + " characters long");
      }
      return Secret.of(value);
    });
    return new ServeSettings(accounts, StoreSettings.from(env), key);
  }
}
