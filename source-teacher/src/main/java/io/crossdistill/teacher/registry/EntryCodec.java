package io.crossdistill.teacher.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON bytes of registry entries, the same in the journal and on the Kafka topic. */
final class EntryCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private EntryCodec() {
  }

  static byte[] encode(RegistryEntry entry) {
    try {
      return MAPPER.writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new RegistryStorageException("cannot encode registry entry " + entry.key(), e);
    }
  }

  static RegistryEntry decode(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, RegistryEntry.class);
    } catch (IOException e) {
      throw new RegistryStorageException("cannot decode registry entry: "
          + new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.UTF_8), e);
    }
  }
}
