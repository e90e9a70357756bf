package io.crossdistill.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw-socket HTTP client that misbehaves: it announces a body and sends only part of it (slowly, a
 * few bytes at a time, or not at all), or stops in the middle of its headers, then hangs up.
 */
final class SlowClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;

  private SlowClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
  }

  /** Opens a connection and sends a POST's headers announcing {@code contentLength} bytes, and {@code prefix}. */
  static SlowClient partialBody(ServiceProcess service, String path, Teams team, int contentLength, String prefix) {
    return open(service, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + team.key()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n" + prefix);
  }

  /** Opens a connection and sends only the start of a request's headers. */
  static SlowClient partialHeaders(ServiceProcess service, String path) {
    return open(service, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-");
  }

  private static SlowClient open(ServiceProcess service, String start) {
    try {
      SlowClient client = new SlowClient(new Socket(service.base().getHost(), service.port()));
      client.send(start);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a few more bytes; false once the service has closed the connection. */
  boolean trickle(String bytes) {
    try {
      send(bytes);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Hangs up without finishing (a reset when {@code abort}: linger 0). */
  void disconnect(boolean abort) {
    try {
      if (abort) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    } catch (IOException e) {
      // gone already
    }
  }

  @Override
  public void close() {
    disconnect(false);
  }
}
