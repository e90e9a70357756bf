package io.crossdistill.labelling;

import io.crossdistill.v1.DeadLetter;
import java.nio.ByteBuffer;
import java.util.List;

/** Dead letters of the label path: a refused record's id, the stage that refused it, every reason, its bytes. */
public final class DeadLetters {

  /** The record's bytes could not be read as a record of the target schema. */
  public static final String STAGE_READ = "read";
  /** The mapper refused the record. */
  public static final String STAGE_MAP = "map";

  private DeadLetters() {
  }

  /** A dead letter; {@code payload} is the record as it came (Avro binary, JSON text), never null. */
  public static DeadLetter of(String recordId, String stage, List<String> errors, byte[] payload) {
    return DeadLetter.newBuilder()
        .setRecordId(recordId)
        .setStage(stage)
        .setErrors(List.copyOf(errors))
        .setPayload(ByteBuffer.wrap(payload))
        .build();
  }
}
