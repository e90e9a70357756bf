package io.crossdistill.mapper;

import io.crossdistill.v1.DeadLetter;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A record the mapper could not map, naming the record and the target field path; the caller routes
 * it to the dead letters ({@link #toDeadLetter}).
 *
 * @param recordId id of the record (from the spec's {@code recordIdField}; {@code ?} when unreadable)
 * @param input    teacher input whose rule failed
 * @param path     target field path that failed
 * @param kind     what went wrong
 * @param message  a person-readable reason
 */
public record BadRecord(String recordId, String input, String path, Kind kind, String message) {

  /** Kinds of bad records. */
  public enum Kind {
    /** The value has another type than the target schema declares, or the record another schema. */
    WRONG_TYPE,
    /** NaN or infinity where a finite number is needed. */
    NOT_FINITE,
    /** The field is absent and the rule's policy is {@link MissingPolicy#REJECT}. */
    MISSING,
    /** A vector with another length than the teacher input's dimension. */
    DIMENSION,
    /** An id outside {@code [0, cardinality)} of the teacher input. */
    ID_OUT_OF_RANGE,
    /** A string that a cast could not parse as a number. */
    UNPARSEABLE
  }

  /** {@code path: message (teacher input 'x')}, the form dead letters carry. */
  public String describe() {
    return path + ": " + message + " (teacher input '" + input + "')";
  }

  /** A dead letter of stage {@code map} for this record. */
  public DeadLetter toDeadLetter(ByteBuffer payload) {
    return DeadLetter.newBuilder()
        .setRecordId(recordId)
        .setStage("map")
        .setErrors(List.of(describe()))
        .setPayload(payload)
        .build();
  }
}
