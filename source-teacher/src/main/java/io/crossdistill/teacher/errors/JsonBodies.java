package io.crossdistill.teacher.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.crossdistill.schemas.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads a JSON text the way the REST layer reads a JSON request body (the service's object mapper, so
 * duplicate keys are refused, and the strict UTF-8 check), for an endpoint that answers a text's problems
 * instead of refusing it: the problem is the one a refused body is answered with ({@link JsonFailures}).
 */
@ApplicationScoped
public class JsonBodies {

  private final ObjectMapper json;

  @Inject
  public JsonBodies(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A JSON text read as a tree, or the problem that refuses it.
   *
   * @param tree the value ({@link MissingNode} for an empty text), when it reads
   * @param problem why it does not, at the pointer where reading stopped
   */
  public record Read(Optional<JsonNode> tree, Optional<Problem> problem) {
  }

  /** Reads {@code body}; never throws for what a client sent. */
  public Read read(byte[] body) {
    try (var in = new StrictUtf8.CheckedStream(new ByteArrayInputStream(body))) {
      JsonNode tree = json.readTree(in);
      return new Read(Optional.of(tree == null ? MissingNode.getInstance() : tree), Optional.empty());
    } catch (JsonProcessingException e) {
      return new Read(Optional.empty(), Optional.of(JsonFailures.failure(e).problem()));
    } catch (StrictUtf8.InvalidUtf8 e) {
      return new Read(Optional.empty(), Optional.of(new Problem("", e.getMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException("reading bytes in memory", e);
    }
  }
}
