package dev.tokenmanager.zoom;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads token and error bodies with a strictly configured Jackson mapper, and turns every reading
 * problem into a short description that never quotes the body.
 *
 * <p>Jackson's own exceptions are dropped, not kept as causes: their messages quote the offending
 * input (an unquoted token value shows up as {@code Unrecognized token 'eyJ...'}), and a cause's
 * message is printed with every logged stack trace.
 */
final class ZoomJson {

  private final ObjectMapper mapper;

  /** Creates a reader with its own strictly configured mapper. */
  ZoomJson() {
    mapper = JsonMapper.builder()
        // "3600.5" must not be truncated to 3600: a fractional lifetime is a malformed answer.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // Parser errors would otherwise quote the body, which holds the token.
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .withCoercionConfig(LogicalType.Integer, cfg -> cfg
            .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  /**
   * Reads a token response.
   *
   * @param body the body bytes, not empty
   * @return the validated response
   * @throws BadBody if the body is not JSON or not a usable token response; its message names the
   *     problem without quoting the body
   */
  TokenResponse readToken(byte[] body) throws BadBody {
    try {
      return mapper.readValue(body, TokenResponse.class);
    } catch (ValueInstantiationException e) {
      // Thrown by the record's own validation, whose messages are ours and free of the token.
      Throwable cause = e.getCause();
      String why = cause instanceof IllegalArgumentException ? cause.getMessage() : "the JSON body is not a token object";
      throw new BadBody(why, false);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonParseException) {
        // A syntax error met while binding a field (such as a body cut off inside a string).
        throw new BadBody("the body is not JSON", true);
      }
      String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
      String why = field == null ? "the JSON body is not a token object" : field + " has an invalid value or type";
      if ("expires_in".equals(field)) {
        why = "expires_in is not a whole number of seconds";
      }
      throw new BadBody(why, false);
    } catch (JsonProcessingException e) {
      throw new BadBody("the body is not JSON", true);
    } catch (IOException e) {
      throw new BadBody("the body is unreadable", true);
    }
  }

  /**
   * Reads the known fields of an error body.
   *
   * @param body the body bytes
   * @return the fields, or empty if the body is empty, not JSON or not a JSON object
   */
  Optional<ErrorBody> readError(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new ErrorBody(text(node, "reason"), text(node, "error"), code(node), text(node, "message")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static OptionalInt code(JsonNode node) {
    JsonNode value = node.get("code");
    if (value != null && value.canConvertToInt() && value.isIntegralNumber()) {
      return OptionalInt.of(value.intValue());
    }
    if (value != null && value.isTextual() && value.asText().strip().matches("\\d{1,9}")) {
      return OptionalInt.of(Integer.parseInt(value.asText().strip()));
    }
    return OptionalInt.empty();
  }

  /** A body that could not be read as a token response; the message says why without quoting it. */
  static final class BadBody extends Exception {

    private final boolean notJson;

    BadBody(String message, boolean notJson) {
      super(message, null, false, false);
      this.notJson = notJson;
    }

    /** Returns whether the body was not JSON at all, rather than JSON of the wrong shape. */
    boolean notJson() {
      return notJson;
    }
  }
}
