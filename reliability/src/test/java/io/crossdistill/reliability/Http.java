package io.crossdistill.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain HTTP/1.1 to one service (java.net.http): requests as values, answers with status, type and body. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;

  public Http(URI base) {
    this.base = base;
  }

  /**
   * One request. {@code path} is sent as written (already percent-encoded, with its query); a null
   * body sends none.
   */
  public record Request(String method, String path, List<Map.Entry<String, String>> headers, byte[] body) {

    public static Request get(String path, Teams team) {
      return new Request("GET", path, List.of(Map.entry("X-Api-Key", team.key())), null);
    }

    public static Request postJson(String path, Teams team, String json) {
      return new Request("POST", path, List.of(Map.entry("X-Api-Key", team.key()),
          Map.entry("Content-Type", "application/json")), json.getBytes(StandardCharsets.UTF_8));
    }

    /** One line for tables and failure messages: method, path (cut), headers and the body's start. */
    public String describe() {
      String shownPath = path.length() > 160 ? path.substring(0, 160) + "…(" + path.length() + " chars)" : path;
      String shownBody = body == null ? "(no body)" : abbreviate(body);
      return method + " " + shownPath + " " + headers + " " + shownBody;
    }

    private static String abbreviate(byte[] bytes) {
      String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8)
          .replaceAll("\\p{Cntrl}", "?");
      return bytes.length > 200 ? text + "…(" + bytes.length + " bytes)" : text;
    }
  }

  /** An answer: status, Content-Type (empty when none), body. */
  public record Response(int status, String contentType, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (" + status + "): " + text(), e);
      }
    }

    /** Fails with the answer when the status is not the expected one. */
    public Response expect(int expected) {
      if (status != expected) {
        throw new AssertionError("expected " + expected + ", got " + status + ": " + text());
      }
      return this;
    }
  }

  public Response send(Request request) {
    return send(CLIENT, request);
  }

  /**
   * The request on a connection of its own (a new client, so no pooled connection): for a retry after a
   * pooled connection turned out to have been closed by the service.
   */
  public Response sendOnNewConnection(Request request) {
    return send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build(), request);
  }

  private Response send(HttpClient client, Request request) {
    HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
        .timeout(Duration.ofSeconds(60)).method(request.method(), body);
    request.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
    try {
      HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + request.describe(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response get(String path, Teams team) {
    return send(Request.get(path, team));
  }

  public Response postJson(String path, Teams team, String json) {
    return send(Request.postJson(path, team, json));
  }

  /** The status of a GET without a key, or -1 when nothing answers. */
  public int probe(String path) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build();
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
