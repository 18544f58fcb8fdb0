package dev.inkwell.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON client for tests that call the running app over real HTTP. */
public final class Http {

  public record Response(int status, String contentType, JsonNode body, String raw, java.net.http.HttpHeaders headers) {

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  public Http(int port) {
    this(port, null);
  }

  private Http(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  /** The same client, sending {@code Authorization: Bearer <token>}. */
  public Http withToken(String bearer) {
    return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), bearer);
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, String json) {
    return send("POST", path, json);
  }

  public Response put(String path, String json) {
    return send("PUT", path, json);
  }

  public Response patch(String path, String json) {
    return send("PATCH", path, json);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response send(String method, String path, String json) {
    return send(method, path, json, java.util.Map.of());
  }

  /** With request headers of the test's own. */
  public Response send(String method, String path, String json, java.util.Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    if (json != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode body;
      try {
        body = raw == null || raw.isBlank() ? null : JsonMapper.shared().readTree(raw);
      } catch (RuntimeException notJson) {
        body = null;
      }
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, raw,
          response.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
