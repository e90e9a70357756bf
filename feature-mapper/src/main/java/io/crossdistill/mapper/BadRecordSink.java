package io.crossdistill.mapper;

/** Receives the records a {@link CompiledMapper} rejects, e.g. to write them as dead letters. */
@FunctionalInterface
public interface BadRecordSink {

  void reject(BadRecord badRecord);
}
