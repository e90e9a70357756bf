package io.crossdistill.labelling;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;

/**
 * Where the label path puts what it made: one aligned label per labelled record and one dead letter per
 * refused record, so that {@code input = labels + dead letters}. A label store shard, a Kafka topic or
 * the answer of a REST request. {@code index} is the record's position in the batch it came in.
 */
public interface LabelSink {

  /** The aligned label of the record at {@code index}. */
  void accept(int index, AlignedLabel label);

  /** The record at {@code index} could not be labelled; the dead letter holds every reason and its bytes. */
  void reject(int index, DeadLetter deadLetter);
}
