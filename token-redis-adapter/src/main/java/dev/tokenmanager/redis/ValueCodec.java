package dev.tokenmanager.redis;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes tokens and backoff records as the versioned JSON documented in {@code package-info.java}
 * and {@code FORMAT.md}, and decodes them strictly: anything else becomes a rejection with a reason
 * that names what is wrong and never contains the value.
 *
 * <p>Members a reader does not know are ignored, so that a writer may add optional members without a
 * new version; a change that an old reader would misread must raise {@value #FORMAT_VERSION}.
 */
final class ValueCodec {

  /** The format version this code writes and the only one it reads. */
  static final long FORMAT_VERSION = 1;

  static final String VERSION = "v";
  static final String ACCESS_TOKEN = "access_token";
  static final String TOKEN_TYPE = "token_type";
  static final String SCOPE = "scope";
  static final String API_URL = "api_url";
  static final String ISSUED_AT = "issued_at";
  static final String EXPIRES_AT = "expires_at";
  static final String FAILURES = "failures";
  static final String KIND = "kind";
  static final String REASON = "reason";
  static final String NEXT_ATTEMPT_AT = "next_attempt_at";

  private ValueCodec() {}

  static String encodeToken(AccessToken token) {
    return new JsonWriter()
        .member(VERSION, FORMAT_VERSION)
        .member(ACCESS_TOKEN, token.value())
        .member(TOKEN_TYPE, token.tokenType())
        // sorted here: AccessToken.scopes() is a Set.copyOf, whose iteration order is unspecified
        .member(SCOPE, String.join(" ", new TreeSet<>(token.scopes())))
        .member(API_URL, token.apiUrl())
        .member(ISSUED_AT, token.issuedAt().toEpochMilli())
        .member(EXPIRES_AT, token.expiresAtMillis())
        .finish();
  }

  static Decoded<AccessToken> decodeToken(String raw) {
    try {
      Map<String, Object> members = versionedObject(raw);
      String value = string(members, ACCESS_TOKEN);
      String type = string(members, TOKEN_TYPE);
      String scope = string(members, SCOPE);
      String apiUrl = string(members, API_URL);
      long issuedAt = integer(members, ISSUED_AT);
      long expiresAt = integer(members, EXPIRES_AT);
      if (value.isEmpty()) {
        throw new UnreadableValueException("field " + ACCESS_TOKEN + " is empty");
      }
      if (type.isBlank()) {
        throw new UnreadableValueException("field " + TOKEN_TYPE + " is blank");
      }
      if (expiresAt <= issuedAt) {
        throw new UnreadableValueException("field " + EXPIRES_AT + " is not after field " + ISSUED_AT);
      }
      return Decoded.accepted(AccessToken.of(value, type, AccessToken.parseScopes(scope), apiUrl,
          Instant.ofEpochMilli(issuedAt), Instant.ofEpochMilli(expiresAt)));
    } catch (UnreadableValueException e) {
      return Decoded.rejected(e.getMessage());
    } catch (IllegalArgumentException e) {
      // AccessToken's own checks; its message may quote fields, so it is not passed on
      return Decoded.rejected("the fields do not form a valid token");
    }
  }

  static String encodeBackoff(MintBackoff backoff) {
    return new JsonWriter()
        .member(VERSION, FORMAT_VERSION)
        .member(FAILURES, backoff.failures())
        .member(KIND, backoff.kind().name())
        .member(REASON, backoff.reason())
        .member(NEXT_ATTEMPT_AT, backoff.nextAttemptAt().toEpochMilli())
        .finish();
  }

  static Decoded<MintBackoff> decodeBackoff(String raw) {
    try {
      Map<String, Object> members = versionedObject(raw);
      long failures = integer(members, FAILURES);
      String kind = string(members, KIND);
      String reason = string(members, REASON);
      long nextAttemptAt = integer(members, NEXT_ATTEMPT_AT);
      if (failures < 1 || failures > Integer.MAX_VALUE) {
        throw new UnreadableValueException("field " + FAILURES + " is out of range 1.." + Integer.MAX_VALUE);
      }
      return Decoded.accepted(new MintBackoff((int) failures, failureKind(kind), reason,
          Instant.ofEpochMilli(nextAttemptAt)));
    } catch (UnreadableValueException e) {
      return Decoded.rejected(e.getMessage());
    } catch (IllegalArgumentException e) {
      return Decoded.rejected("the fields do not form a valid backoff record");
    }
  }

  private static Map<String, Object> versionedObject(String raw) throws UnreadableValueException {
    Object parsed = JsonReader.parse(raw);
    if (!(parsed instanceof Map<?, ?>)) {
      throw new UnreadableValueException("not a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) parsed;
    if (!members.containsKey(VERSION)) {
      throw new UnreadableValueException("missing field " + VERSION + " (not a Token Manager value)");
    }
    long version = integer(members, VERSION);
    if (version != FORMAT_VERSION) {
      throw new UnreadableValueException(
          "format version " + version + " is not supported (this reader knows version " + FORMAT_VERSION + ")");
    }
    return members;
  }

  private static String string(Map<String, Object> members, String name) throws UnreadableValueException {
    Object value = member(members, name);
    if (!(value instanceof String text)) {
      throw new UnreadableValueException("field " + name + " is not a string");
    }
    return text;
  }

  private static long integer(Map<String, Object> members, String name) throws UnreadableValueException {
    Object value = member(members, name);
    if (!(value instanceof Long number)) {
      throw new UnreadableValueException("field " + name + " is not an integer");
    }
    return number;
  }

  private static Object member(Map<String, Object> members, String name) throws UnreadableValueException {
    Object value = members.get(name);
    if (value == null) {
      throw new UnreadableValueException("missing field " + name);
    }
    return value;
  }

  private static FailureKind failureKind(String name) throws UnreadableValueException {
    for (FailureKind kind : FailureKind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new UnreadableValueException("field " + KIND + " names no known failure kind");
  }
}
