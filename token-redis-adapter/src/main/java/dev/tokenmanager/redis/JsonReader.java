package dev.tokenmanager.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for the values this adapter stores (RFC 8259 syntax, with two
 * restrictions that suit the format: numbers must be integers that fit a {@code long}, and nesting is
 * limited to {@value #MAX_DEPTH} levels).
 *
 * <p>Objects become {@link Map}s (duplicate member names are rejected), arrays {@link List}s, strings
 * {@link String}s, numbers {@link Long}s, {@code true}/{@code false} {@link Boolean}s and {@code null}
 * the {@link #NULL} marker. Error messages give an offset and what was expected, never the text
 * itself, so a value holding a secret cannot leak through them.
 */
final class JsonReader {

  /** Stands for a JSON {@code null}, so that a member set to null differs from a missing one. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final int MAX_DEPTH = 16;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON text.
   *
   * @param text the text
   * @return the value it holds
   * @throws UnreadableValueException if the text is not valid JSON or breaks a restriction
   */
  static Object parse(String text) throws UnreadableValueException {
    JsonReader reader = new JsonReader(text);
    reader.skipWhitespace();
    if (reader.pos == text.length()) {
      throw new UnreadableValueException("not JSON: the value is empty");
    }
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw reader.failure("trailing content after the JSON value");
    }
    return value;
  }

  private Object value(int depth) throws UnreadableValueException {
    if (depth > MAX_DEPTH) {
      throw failure("nested deeper than " + MAX_DEPTH + " levels");
    }
    skipWhitespace();
    if (pos == text.length()) {
      throw failure("unexpected end of input");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw failure("unexpected character");
      }
    };
  }

  private Map<String, Object> object(int depth) throws UnreadableValueException {
    Map<String, Object> members = new LinkedHashMap<>();
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw failure("expected a member name");
      }
      int nameAt = pos;
      String name = string();
      skipWhitespace();
      expect(':');
      Object value = value(depth + 1);
      if (members.putIfAbsent(name, value) != null) {
        throw new UnreadableValueException("not JSON: duplicate member name at offset " + nameAt);
      }
      skipWhitespace();
      char next = peek();
      pos++;
      if (next == '}') {
        return members;
      }
      if (next != ',') {
        pos--;
        throw failure("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) throws UnreadableValueException {
    List<Object> elements = new ArrayList<>();
    pos++;
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return elements;
    }
    while (true) {
      elements.add(value(depth + 1));
      skipWhitespace();
      char next = peek();
      pos++;
      if (next == ']') {
        return elements;
      }
      if (next != ',') {
        pos--;
        throw failure("expected ',' or ']'");
      }
    }
  }

  private String string() throws UnreadableValueException {
    StringBuilder sb = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length()) {
        throw failure("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw failure("control character inside a string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      sb.append(escape());
    }
  }

  /** Reads the escape after a backslash. */
  private char escape() throws UnreadableValueException {
    if (pos >= text.length()) {
      throw failure("unterminated escape");
    }
    char e = text.charAt(pos++);
    return switch (e) {
      case '"', '\\', '/' -> e;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> {
        pos--;
        throw failure("invalid escape");
      }
    };
  }

  private char unicodeEscape() throws UnreadableValueException {
    if (pos + 4 > text.length()) {
      throw failure("incomplete \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos), 16);
      if (digit < 0) {
        throw failure("invalid hex digit in \\u escape");
      }
      code = code * 16 + digit;
      pos++;
    }
    return (char) code;
  }

  private Long number() throws UnreadableValueException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    } else {
      throw failure("expected a digit");
    }
    char next = peek();
    if (next == '.' || next == 'e' || next == 'E') {
      throw new UnreadableValueException("number at offset " + start + " is not an integer");
    }
    if (next >= '0' && next <= '9') {
      throw failure("leading zero in a number");
    }
    try {
      return Long.parseLong(text, start, pos, 10);
    } catch (NumberFormatException e) {
      throw new UnreadableValueException("number at offset " + start + " does not fit in 64 bits");
    }
  }

  private Object literal(String word, Object value) throws UnreadableValueException {
    if (!text.startsWith(word, pos)) {
      throw failure("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) throws UnreadableValueException {
    if (peek() != c) {
      throw failure("expected '" + c + "'");
    }
    pos++;
  }

  /** Returns the character at the current position, or 0 at the end (never valid where it is used). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private UnreadableValueException failure(String what) {
    return new UnreadableValueException(
        pos >= text.length() ? "not JSON: " + what + " at the end" : "not JSON: " + what + " at offset " + pos);
  }
}
