package io.crossdistill.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The fuzzer's seeded generator: request {@code i} of seed {@code s} is always the same request, so a
 * failure is replayed by its seed and index. Each request starts from the operation's {@link SafeRequests
 * safe request} and is broken in one way ({@link Malformation}) that makes it invalid.
 */
final class MalformedRequests {

  private static final String RAW = "@@raw-value@@";
  private final long seed;
  private final List<Operation> operations;
  private final SafeRequests safeRequests;
  private final Limits limits;

  /** The service's limits the generator goes beyond. */
  record Limits(int maxBodyBytes, int maxBatch, int maxSample) {
  }

  /** One generated request with what it tries. */
  record Attempt(long index, Malformation malformation, Operation operation, Http.Request request) {
  }

  MalformedRequests(long seed, List<Operation> operations, SafeRequests safeRequests, Limits limits) {
    this.seed = seed;
    this.operations = operations;
    this.safeRequests = safeRequests;
    this.limits = limits;
  }

  Attempt attempt(long index) {
    // consecutive seeds give java.util.Random correlated first draws: mix (seed, index) first
    Random random = new Random(new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + index).nextLong());
    Malformation[] all = Malformation.values();
    Malformation malformation = all[random.nextInt(all.length)];
    List<Operation> applicable = operations.stream().filter(malformation::appliesTo).toList();
    Operation operation = applicable.get(random.nextInt(applicable.size()));
    return new Attempt(index, malformation, operation, request(malformation, operation, random));
  }

  private Http.Request request(Malformation malformation, Operation operation, Random random) {
    SafeRequests.Safe safe = safeRequests.of(operation);
    Builder b = new Builder(operation, safe);
    switch (malformation) {
      case BROKEN_JSON -> b.body = brokenJson(json(safe.body()), random);
      case DEEP_NESTING -> b.body = deepNesting(safe, random);
      case WRONG_TYPES -> b.body = wrongTypes(safe, random);
      case HUGE_NUMBERS -> hugeNumbers(b, safe, random);
      case NAN_INFINITY -> nanInfinity(b, safe, random);
      case UNICODE -> b.body = unicode(safe, random);
      case DUPLICATE_KEYS -> b.body = duplicateKeys(safe, random);
      case CONTENT_TYPE -> contentType(b, safe, random);
      case ACCEPT -> b.headers.put("Accept", pick(HostileValues.WRONG_ACCEPTS, random));
      case AVRO_GARBAGE -> avroGarbage(b, random);
      case OVERSIZED_BODY -> b.body = oversized(safe, random);
      case BATCH_OVER_LIMIT -> b.body = overLimit(operation, safe, random);
      case LONG_URI -> longUri(b, operation, random);
      case KEYS -> keys(b, operation, random);
      case PATH_TRAVERSAL -> traversal(b, operation, safe, random);
      case WRONG_METHOD -> wrongMethod(b, operation, random);
      default -> throw new IllegalStateException(malformation.name());
    }
    return b.build();
  }

  private static byte[] brokenJson(String text, Random random) {
    int last = text.lastIndexOf('}');
    String broken = switch (random.nextInt(5)) {
      case 0 -> text.substring(0, 1 + random.nextInt(Math.max(1, last - 1)));
      case 1 -> text.replaceFirst("\"", "'");
      case 2 -> text.replaceFirst(":", "=");
      case 3 -> text.replaceFirst(",", ",,");
      default -> text.substring(0, last) + ", }";
    };
    return utf8(broken);
  }

  private static byte[] deepNesting(SafeRequests.Safe safe, Random random) {
    boolean objects = random.nextBoolean();
    // objects take 6 bytes a level: 10,000 levels stay under the 64 KB body limit
    int depth = new int[] {100, 999, 1001, 2500, 5000, objects ? 10_000 : 20_000}[random.nextInt(6)];
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      nested.append(objects ? "{\"a\":" : "[");
    }
    nested.append("1");
    for (int i = 0; i < depth; i++) {
      nested.append(objects ? "}" : "]");
    }
    if (random.nextBoolean()) {
      return utf8(nested.toString());
    }
    return withRaw(safe.body(), firstOf(safe, SafeRequests.Kind.REF, SafeRequests.Kind.PATH, SafeRequests.Kind.INT),
        utf8(nested.toString()));
  }

  private static byte[] wrongTypes(SafeRequests.Safe safe, Random random) {
    if (random.nextInt(3) == 0) {
      return utf8(pick(new String[] {"[]", "\"text\"", "42", "null", "true", "[" + json(safe.body()) + "]", "{}"}, random));
    }
    SafeRequests.Field field = safe.fields().get(random.nextInt(safe.fields().size()));
    String value = switch (field.kind()) {
      case REF, PATH -> pick(new String[] {"{}", "[[]]", "{\"$ref\": \"x\"}", "[\"a\", \"b\"]"}, random);
      // not "" (Jackson reads it as absent: the default) nor an array of arrays for an array of records
      case INT, LONG -> pick(new String[] {"{}", "[[]]", "\"abc\"", "[1]"}, random);
      case ARRAY -> pick(new String[] {"\"x\"", "42", "{}", "true"}, random);
      case BOOL -> pick(new String[] {"\"maybe\"", "{}", "[[]]"}, random);
    };
    return withRaw(safe.body(), field, utf8(value));
  }

  private static void hugeNumbers(Builder b, SafeRequests.Safe safe, Random random) {
    String huge = pick(HostileValues.HUGE, random);
    SafeRequests.Field field = firstOf(safe, random, SafeRequests.Kind.INT, SafeRequests.Kind.LONG, SafeRequests.Kind.REF,
        SafeRequests.Kind.PATH);
    b.body = withRaw(safe.body(), field, utf8(huge));
  }

  private static void nanInfinity(Builder b, SafeRequests.Safe safe, Random random) {
    SafeRequests.Field field = firstOf(safe, random, SafeRequests.Kind.INT, SafeRequests.Kind.LONG, SafeRequests.Kind.ARRAY,
        SafeRequests.Kind.REF);
    b.body = withRaw(safe.body(), field, utf8(pick(HostileValues.NON_NUMBERS, random)));
  }

  private static byte[] unicode(SafeRequests.Safe safe, Random random) {
    SafeRequests.Field field = firstOf(safe, random, SafeRequests.Kind.REF, SafeRequests.Kind.PATH);
    String current = safe.body().at(field.pointer()).asText();
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    if (random.nextBoolean()) {
      String odd = pick(HostileValues.ODD_STRINGS, random);
      value.writeBytes(utf8("\"" + current + odd.substring(1)));
    } else {
      value.writeBytes(utf8("\"" + current));
      value.writeBytes(HostileValues.BAD_BYTES[random.nextInt(HostileValues.BAD_BYTES.length)]);
      value.writeBytes(utf8("\""));
    }
    byte[] body = withRaw(safe.body(), field, value.toByteArray());
    return random.nextInt(4) == 0 ? concat(HostileValues.BOM, body) : body;
  }

  private static byte[] duplicateKeys(SafeRequests.Safe safe, Random random) {
    List<SafeRequests.Field> topLevel = safe.fields().stream().filter(f -> f.pointer().lastIndexOf('/') == 0).toList();
    SafeRequests.Field field = topLevel.get(random.nextInt(topLevel.size()));
    String invalid = switch (field.kind()) {
      case REF -> "\"no-such-" + random.nextInt(1000) + "\"";
      case PATH -> "\"../../../../etc/passwd\"";
      case INT, LONG -> "\"not-a-number\"";
      case ARRAY -> "\"not-an-array\"";
      case BOOL -> "\"maybe\"";
    };
    String text = json(safe.body());
    int close = text.lastIndexOf('}');
    return utf8(text.substring(0, close) + ", \"" + field.pointer().substring(1) + "\": " + invalid + "}");
  }

  private static void contentType(Builder b, SafeRequests.Safe safe, Random random) {
    if (random.nextInt(4) == 0) {
      b.headers.remove("Content-Type");
      b.body = brokenJson(json(safe.body()), random);
    } else {
      b.headers.put("Content-Type", pick(HostileValues.WRONG_CONTENT_TYPES, random));
    }
  }

  private void avroGarbage(Builder b, Random random) {
    b.headers.put("Content-Type", random.nextBoolean() ? "avro/binary" : "application/avro");
    b.query = switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "?mapping=no-such&alignment=" + MusicTeam.ALIGNMENT;
      case 2 -> "?mapping=" + MusicTeam.MAPPING;
      default -> "?mapping=" + MusicTeam.MAPPING + "&alignment=" + MusicTeam.ALIGNMENT;
    };
    int length = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(2048);
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (length > 5 && random.nextBoolean()) {
      // a string length far beyond what Avro may read
      byte[] hugeLength = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
      System.arraycopy(hugeLength, 0, bytes, random.nextInt(2) == 0 ? 0 : 1, hugeLength.length);
    }
    b.body = bytes;
  }

  private byte[] oversized(SafeRequests.Safe safe, Random random) {
    ObjectNode body = safe.body().deepCopy();
    body.put("padding", "x".repeat(limits.maxBodyBytes() + 1 + random.nextInt(2 * limits.maxBodyBytes())));
    return utf8(json(body));
  }

  private byte[] overLimit(Operation operation, SafeRequests.Safe safe, Random random) {
    ObjectNode body = safe.body().deepCopy();
    boolean labels = operation.template().equals("/api/v1/labels");
    String arrayField = operation.template().endsWith("/fit") ? "sample" : "records";
    int count = (labels ? limits.maxBatch() : limits.maxSample()) + 1 + random.nextInt(50);
    ArrayNode source = (ArrayNode) body.get(arrayField);
    ArrayNode many = body.putArray(arrayField);
    for (int i = 0; i < count; i++) {
      many.add(source.get(i % source.size()).deepCopy());
    }
    return utf8(json(body));
  }

  private static void longUri(Builder b, Operation operation, Random random) {
    String longText = "a".repeat(5_000 + random.nextInt(25_000));
    if (!operation.pathParams().isEmpty() && random.nextBoolean()) {
      b.pathValues.put(operation.pathParams().get(random.nextInt(operation.pathParams().size())), longText);
    } else {
      b.query = "?version=" + longText;
    }
  }

  private static void keys(Builder b, Operation operation, Random random) {
    b.headers.remove("X-Api-Key");
    // another team's key only where the request names the music team's things (teachers are everyone's)
    boolean namesMusicThings = operation.method().equals("POST")
        || !operation.pathParams().isEmpty() && !operation.template().startsWith("/api/v1/teachers");
    switch (random.nextInt(namesMusicThings ? 7 : 6)) {
      case 0 -> { } // no key at all
      case 1 -> b.headers.put("X-Api-Key", "not-a-key-" + random.nextInt(1_000_000));
      case 2 -> b.headers.put("X-Api-Key", "");
      case 3 -> b.headers.put("Authorization", "Bearer ");
      case 4 -> b.headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(utf8("music:x")));
      case 5 -> b.headers.put("X-Api-Key", Teams.MUSIC.key() + "x");
      default -> b.headers.put("X-Api-Key", (b.team == Teams.OPS ? Teams.MUSIC : Teams.PODCAST).key());
    }
  }

  private static void traversal(Builder b, Operation operation, SafeRequests.Safe safe, Random random) {
    List<SafeRequests.Field> paths = safe.fields().stream().filter(f -> f.kind() == SafeRequests.Kind.PATH).toList();
    if (!paths.isEmpty() && (operation.pathParams().isEmpty() || random.nextBoolean())) {
      b.body = withRaw(safe.body(), paths.get(0), utf8(Http.json(pick(HostileValues.TRAVERSAL_PATHS, random))));
      return;
    }
    b.pathValues.put(operation.pathParams().get(random.nextInt(operation.pathParams().size())),
        pick(HostileValues.TRAVERSAL_SEGMENTS, random));
  }

  private void wrongMethod(Builder b, Operation operation, Random random) {
    Set<String> defined = new java.util.HashSet<>();
    operations.stream().filter(o -> o.template().equals(operation.template())).forEach(o -> defined.add(o.method()));
    List<String> others = new ArrayList<>(List.of(HostileValues.OTHER_METHODS));
    others.removeAll(defined);
    b.method = others.get(random.nextInt(others.size()));
  }

  // -- building blocks

  /** A request under construction: the safe request's parts, each replaceable. */
  private static final class Builder {
    final Operation operation;
    final Teams team;
    final Map<String, String> pathValues;
    final Map<String, String> headers = new LinkedHashMap<>();
    String method;
    String query = "";
    byte[] body;

    Builder(Operation operation, SafeRequests.Safe safe) {
      this.operation = operation;
      this.team = safe.team();
      this.method = operation.method();
      this.pathValues = new LinkedHashMap<>(safe.pathValues());
      headers.put("X-Api-Key", safe.team().key());
      if (safe.body() != null) {
        headers.put("Content-Type", "application/json");
        body = utf8(json(safe.body()));
      }
    }

    Http.Request build() {
      return new Http.Request(method, operation.path(pathValues) + query, List.copyOf(headers.entrySet()), body);
    }
  }

  private static SafeRequests.Field firstOf(SafeRequests.Safe safe, SafeRequests.Kind... kinds) {
    for (SafeRequests.Kind kind : kinds) {
      for (SafeRequests.Field field : safe.fields()) {
        if (field.kind() == kind) {
          return field;
        }
      }
    }
    return safe.fields().get(0);
  }

  /** A random field of the first kind the body has. */
  private static SafeRequests.Field firstOf(SafeRequests.Safe safe, Random random, SafeRequests.Kind... kinds) {
    for (SafeRequests.Kind kind : kinds) {
      List<SafeRequests.Field> matching = safe.fields().stream().filter(f -> f.kind() == kind).toList();
      if (!matching.isEmpty()) {
        return matching.get(random.nextInt(matching.size()));
      }
    }
    return safe.fields().get(0);
  }

  /** The body with the field's value replaced by raw bytes (which need not be JSON). */
  private static byte[] withRaw(ObjectNode body, SafeRequests.Field field, byte[] raw) {
    ObjectNode copy = body.deepCopy();
    String pointer = field.pointer();
    JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), TextNode.valueOf(RAW));
    } else {
      ((ObjectNode) parent).put(last, RAW);
    }
    String text = json(copy);
    int at = text.indexOf("\"" + RAW + "\"");
    byte[] before = utf8(text.substring(0, at));
    byte[] after = utf8(text.substring(at + RAW.length() + 2));
    return concat(concat(before, raw), after);
  }

  private static String json(JsonNode node) {
    return Http.json(node);
  }

  private static String pick(String[] values, Random random) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
