package dev.tokenmanager.zoom.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Reads Zoom's error body ({@code {"code": ..., "message": ...}}) leniently: a body that is empty, not
 * JSON or not an object gives an error without code or message, never an exception. Jackson's own
 * exceptions are dropped, because their messages quote the input.
 */
final class ApiErrorReader {

  private final ObjectMapper mapper = JsonMapper.builder()
      // Parser errors would otherwise quote the body.
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  /**
   * Reads an error body.
   *
   * @param status the HTTP status of the response
   * @param body the body bytes read, may be empty
   * @return the error, with the code and message the body names
   */
  ApiError read(int status, byte[] body) {
    if (body == null || body.length == 0) {
      return new ApiError(status, OptionalInt.empty(), "");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      return new ApiError(status, OptionalInt.empty(), "");
    }
    if (node == null || !node.isObject()) {
      return new ApiError(status, OptionalInt.empty(), "");
    }
    return new ApiError(status, code(node.get("code")), text(node.get("message")));
  }

  private static OptionalInt code(JsonNode value) {
    if (value == null) {
      return OptionalInt.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return OptionalInt.of(value.intValue());
    }
    // Some gateways send the code as a string.
    if (value.isTextual() && value.asText().strip().matches("\\d{1,9}")) {
      return OptionalInt.of(Integer.parseInt(value.asText().strip()));
    }
    return OptionalInt.empty();
  }

  private static String text(JsonNode value) {
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : "";
  }
}
