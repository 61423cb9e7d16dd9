package dev.tokenmanager.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal blocking Redis client for the fixtures: one command per short-lived plain-TCP connection
 * to 127.0.0.1, RESP2 replies only. It keeps the fixtures free of a driver's threads and lifecycle.
 *
 * <p>Replies map to {@link String} (simple and bulk strings), {@link Long}, {@link List}, null (nil)
 * and {@link Error} (an error reply, returned rather than thrown so that callers can wait through
 * {@code LOADING} or {@code INPROG}).
 */
final class Resp {

  private static final int CONNECT_TIMEOUT_MILLIS = 1000;
  private static final int READ_TIMEOUT_MILLIS = 5000;

  /**
   * An error reply.
   *
   * @param message the message, such as {@code NOGOODSLAVE No suitable replica to promote}
   */
  record Error(String message) {}

  private Resp() {}

  /**
   * Sends one command and reads its reply.
   *
   * @param port the port on 127.0.0.1
   * @param args the command and its arguments
   * @return the reply
   * @throws IOException if the server cannot be reached or the connection breaks
   */
  static Object call(int port, String... args) throws IOException {
    return call(port, null, args);
  }

  /**
   * Authenticates with a password (if not null), then sends one command and reads its reply.
   *
   * @param port the port on 127.0.0.1
   * @param password the password for {@code AUTH}, or null
   * @param args the command and its arguments
   * @return the reply to the command (an {@link Error} if {@code AUTH} failed)
   * @throws IOException if the server cannot be reached or the connection breaks
   */
  static Object call(int port, String password, String... args) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      if (password != null) {
        out.write(encode("AUTH", password));
        out.flush();
        if (read(in) instanceof Error error) {
          return error;
        }
      }
      out.write(encode(args));
      out.flush();
      return read(in);
    }
  }

  /** Sends one command (after {@code AUTH} if a password is given); returns its reply, or null if the server cannot be reached. */
  static Object callQuietly(int port, String password, String... args) {
    try {
      return call(port, password, args);
    } catch (IOException e) {
      return null;
    }
  }

  /** Returns the fields of an {@code INFO <section>} reply, or an empty map if the server cannot be reached. */
  static Map<String, String> info(int port, String password, String section) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (callQuietly(port, password, "INFO", section) instanceof String text) {
      for (String line : text.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.startsWith("#")) {
          fields.put(line.substring(0, colon), line.substring(colon + 1));
        }
      }
    }
    return fields;
  }

  /** Turns a flat {@code [name, value, name, value, ...]} reply (Sentinel's) into a map. */
  static Map<String, String> pairs(Object reply) {
    Map<String, String> map = new LinkedHashMap<>();
    if (reply instanceof List<?> list) {
      for (int i = 0; i + 1 < list.size(); i += 2) {
        map.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
      }
    }
    return map;
  }

  private static byte[] encode(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Object read(InputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new IOException("connection closed before a reply");
    }
    String line = line(in);
    switch (type) {
      case '+':
        return line;
      case '-':
        return new Error(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] data = in.readNBytes(length + 2);
        return new String(data, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("unexpected reply type '" + (char) type + "'");
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a reply");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = buffer.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      buffer.write(b);
      previous = b;
    }
  }
}
