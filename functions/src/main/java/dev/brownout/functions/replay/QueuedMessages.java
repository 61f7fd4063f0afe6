package dev.brownout.functions.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brownout.core.ports.DataKeys;
import dev.brownout.core.ports.RequestQueue.QueuedRequest;
import dev.brownout.core.replay.CredentialSeal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A queued write as an SQS message body (JSON; the request body in base64), and back. The headers
 * that carry the client's credential ({@link CredentialSeal#HEADERS}) are not in {@code headers}:
 * they are sealed, as JSON, in {@code credentials} ({@code key}: the encrypted data key, {@code
 * nonce}, {@code sealed}: the ciphertext; each in base64), bound to the write's fingerprint. A
 * write whose client API Gateway's authorizer named carries that client's hash in {@code client}.
 */
public final class QueuedMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private QueuedMessages() {}

  /** A message read back: the write without its credential, and the credential still sealed. */
  public record QueuedMessage(QueuedRequest request, Optional<CredentialSeal.Sealed> credentials) {

    /**
     * The write as the client sent it, its credential opened in memory only.
     *
     * @throws IllegalArgumentException if the sealed credential was altered or is another write's
     * @throws DataKeys.KeyFailure if the key service cannot open it now
     */
    public QueuedRequest open(CredentialSeal seal) throws DataKeys.KeyFailure {
      if (credentials.isEmpty()) {
        return request;
      }
      byte[] clear = seal.open(credentials.get(), boundTo(request));
      Map<String, String> headers = new HashMap<>(request.headers());
      try {
        JSON.readTree(clear)
            .properties()
            .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("the sealed credential is not JSON", e);
      }
      return new QueuedRequest(
          request.route(),
          request.method(),
          request.url(),
          headers,
          request.body(),
          request.idempotencyKey(),
          request.acceptedAt(),
          request.client());
    }
  }

  /**
   * @throws DataKeys.KeyFailure if the request has a credential and the key service gives no key
   */
  public static String write(QueuedRequest request, CredentialSeal seal)
      throws DataKeys.KeyFailure {
    ObjectNode node = JSON.createObjectNode();
    node.put("route", request.route());
    node.put("method", request.method());
    node.put("url", request.url().toString());
    ObjectNode headers = node.putObject("headers");
    ObjectNode credential = JSON.createObjectNode();
    request
        .headers()
        .forEach(
            (name, value) ->
                (CredentialSeal.HEADERS.contains(name) ? credential : headers).put(name, value));
    if (!credential.isEmpty()) {
      CredentialSeal.Sealed sealed =
          seal.seal(credential.toString().getBytes(StandardCharsets.UTF_8), boundTo(request));
      Base64.Encoder base64 = Base64.getEncoder();
      ObjectNode credentials = node.putObject("credentials");
      credentials.put("key", base64.encodeToString(sealed.encryptedKey()));
      credentials.put("nonce", base64.encodeToString(sealed.nonce()));
      credentials.put("sealed", base64.encodeToString(sealed.ciphertext()));
    }
    node.put("body", Base64.getEncoder().encodeToString(request.body()));
    node.put("idempotencyKey", request.idempotencyKey());
    node.put("acceptedAt", request.acceptedAt().toString());
    request.client().ifPresent(client -> node.put("client", client));
    return node.toString();
  }

  /**
   * @throws IllegalArgumentException saying what is wrong, for a message that is not one of ours
   */
  public static QueuedMessage read(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the message is not JSON: " + e.getOriginalMessage());
    }
    Map<String, String> headers = new HashMap<>();
    node.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
    try {
      Optional<CredentialSeal.Sealed> credentials = Optional.empty();
      JsonNode sealed = node.get("credentials");
      if (sealed != null) {
        Base64.Decoder base64 = Base64.getDecoder();
        credentials =
            Optional.of(
                new CredentialSeal.Sealed(
                    base64.decode(text(sealed, "credentials.key")),
                    base64.decode(text(sealed, "credentials.nonce")),
                    base64.decode(text(sealed, "credentials.sealed"))));
      }
      return new QueuedMessage(
          new QueuedRequest(
              text(node, "route"),
              text(node, "method"),
              URI.create(text(node, "url")),
              headers,
              Base64.getDecoder().decode(text(node, "body")),
              text(node, "idempotencyKey"),
              Instant.parse(text(node, "acceptedAt")),
              node.has("client") ? Optional.of(text(node, "client")) : Optional.empty()),
          credentials);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the message is not a queued request: " + e.getMessage(), e);
    }
  }

  /** The sealed credential opens only with the write it was sealed with. */
  private static byte[] boundTo(QueuedRequest request) {
    return (request.route() + " " + request.idempotencyKey() + " " + request.fingerprint())
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node, String path) {
    JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(path + " is missing");
    }
    return value.asText();
  }
}
