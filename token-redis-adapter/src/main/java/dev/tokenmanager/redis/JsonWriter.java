package dev.tokenmanager.redis;

/**
 * Writes one flat JSON object, member by member, in the order given. Strings are escaped so that the
 * output is pure ASCII: quote, backslash and control characters get their short escapes or {@code
 * \}{@code uXXXX}, and every character outside printable ASCII is written as {@code \}{@code uXXXX}
 * (UTF-16 code units, so characters beyond the BMP become a surrogate pair, as JSON requires).
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder(128).append('{');
  private boolean empty = true;

  JsonWriter member(String name, String value) {
    name(name);
    quote(value);
    return this;
  }

  JsonWriter member(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  String finish() {
    return out.append('}').toString();
  }

  private void name(String name) {
    if (!empty) {
      out.append(',');
    }
    empty = false;
    quote(name);
    out.append(':');
  }

  private void quote(String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
