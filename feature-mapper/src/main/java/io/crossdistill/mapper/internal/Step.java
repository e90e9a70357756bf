package io.crossdistill.mapper.internal;

import org.apache.avro.generic.IndexedRecord;

/**
 * One compiled transform: reads the cell, writes the cell, returns {@link ValueCell#OK},
 * {@link ValueCell#MISSING} or {@link ValueCell#FAILED}. An abstract class rather than an interface so
 * the per-record calls are virtual, not interface, dispatches.
 */
abstract class Step {

  /** Target field path the rule reads, for bad-record messages. */
  final String path;

  Step(String path) {
    this.path = path;
  }

  abstract int apply(ValueCell cell, IndexedRecord record);
}
