package io.crossdistill.mapper;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import org.apache.avro.generic.IndexedRecord;

/**
 * A validated spec compiled against one teacher signature and one target schema: field paths are field
 * positions, transforms are resolved, defaults are precomputed. Mapping a record writes one teacher
 * input row into reusable primitive buffers, with no reflection, no field-name lookups and no
 * per-record map allocation (map-typed target fields cost one hash lookup per path segment). Same spec
 * and same record give the same bytes.
 *
 * <p>A mapper keeps a little scratch state: use one per thread ({@link FeatureMapping#compile} is
 * cheap).
 */
public interface CompiledMapper {

  /**
   * Appends one row for {@code record} to {@code batch}. A bad record (wrong type, NaN, missing field
   * under {@link MissingPolicy#REJECT}, wrong vector length, id out of range) goes to {@code sink},
   * the batch is left as it was and the result is false; nothing is thrown for bad data.
   *
   * @throws IllegalStateException    when the batch is full
   * @throws IllegalArgumentException when the batch has another layout than {@link #layout()}
   */
  boolean map(IndexedRecord record, TeacherInputBatch batch, BadRecordSink sink);

  /** Layout of the rows this mapper writes. */
  TeacherInputLayout layout();

  /** A batch of buffers in this mapper's layout. */
  default TeacherInputBatch newBatch(int capacity) {
    return layout().newBatch(capacity);
  }

  /** Fraction of teacher inputs whose rule is {@code default} (known before any record is seen). */
  double defaultedFraction();
}
