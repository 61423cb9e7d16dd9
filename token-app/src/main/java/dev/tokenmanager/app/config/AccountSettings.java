package dev.tokenmanager.app.config;

import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Zoom app (account and client) the service keeps tokens for.
 *
 * <p>One app is configured with {@code ZOOM_ACCOUNT_ID}, {@code ZOOM_CLIENT_ID},
 * {@code ZOOM_CLIENT_SECRET}, {@code ZOOM_OAUTH_URL} and {@code ZOOM_SLOTS}; several with
 * {@code ZOOM_ACCOUNTS=sales,support} and the same variables per name, such as
 * {@code ZOOM_SALES_ACCOUNT_ID} and {@code ZOOM_SALES_SLOTS}.
 *
 * @param name the name the service uses for it ({@code default} for a single app)
 * @param credentials the app's credentials
 * @param zoom its token endpoint
 * @param slots how many live tokens it keeps (a pool when more than 1)
 */
public record AccountSettings(String name, ZoomCredentials credentials, ZoomConfig zoom, int slots) {

  /** The name of the app configured without {@code ZOOM_ACCOUNTS}. */
  public static final String DEFAULT_NAME = "default";

  /** Returns the key of the app's first (or only) token. */
  public TokenKey key() {
    return zoom.keyFor(credentials);
  }

  /**
   * Reads every configured app.
   *
   * @param env the environment
   * @return the apps, in the order of {@code ZOOM_ACCOUNTS}
   * @throws ConfigException naming the first missing or invalid variable, never its value
   */
  public static List<AccountSettings> listFrom(Environment env) {
    if (env.get("ZOOM_ACCOUNTS").isEmpty()) {
      return List.of(read(env, DEFAULT_NAME, "ZOOM_"));
    }
    List<AccountSettings> accounts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<TokenKey> keys = new HashSet<>();
    for (String raw : env.get("ZOOM_ACCOUNTS").get().split(",")) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (!name.matches("[a-z0-9_]+")) {
        throw new ConfigException("ZOOM_ACCOUNTS", "must be a comma-separated list of names made of letters, digits and _");
      }
      if (!names.add(name)) {
        throw new ConfigException("ZOOM_ACCOUNTS", "names '" + name + "' twice");
      }
      AccountSettings account = read(env, name, "ZOOM_" + name.toUpperCase(Locale.ROOT) + "_");
      if (!keys.add(account.key())) {
        throw new ConfigException("ZOOM_" + name.toUpperCase(Locale.ROOT) + "_CLIENT_ID",
            "repeats the account and client of another name");
      }
      accounts.add(account);
    }
    return accounts;
  }

  private static AccountSettings read(Environment env, String name, String prefix) {
    String account = env.require(prefix + "ACCOUNT_ID");
    String client = env.require(prefix + "CLIENT_ID");
    Secret secret = Secret.of(env.require(prefix + "CLIENT_SECRET"));
    ZoomCredentials credentials;
    try {
      credentials = new ZoomCredentials(account, client, secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(prefix + "ACCOUNT_ID / " + prefix + "CLIENT_ID / " + prefix + "CLIENT_SECRET",
          "must not contain white space (and the client id no ':')");
    }
    ZoomConfig zoom;
    try {
      zoom = ZoomConfig.of(env.get(prefix + "OAUTH_URL").orElse(ZoomConfig.ZOOM_BASE_URL));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(prefix + "OAUTH_URL", "must be an http or https URL without query or credentials");
    }
    int slots;
    try {
      slots = Integer.parseInt(env.get(prefix + "SLOTS").orElse("1"));
    } catch (NumberFormatException e) {
      throw new ConfigException(prefix + "SLOTS", "must be a number from 1 to 64");
    }
    if (slots < 1 || slots > 64) {
      throw new ConfigException(prefix + "SLOTS", "must be a number from 1 to 64");
    }
    return new AccountSettings(name, credentials, zoom, slots);
  }
}
