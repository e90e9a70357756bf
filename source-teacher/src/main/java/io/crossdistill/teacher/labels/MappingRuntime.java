package io.crossdistill.teacher.labels;

import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.v1.TeacherSignature;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/**
 * One mapping version compiled for use: its spec, target schema and teacher signature, and a small pool
 * of compiled mappers (a compiled mapper keeps scratch state, so each thread borrows its own).
 *
 * @param ref {@code name@version}
 */
public record MappingRuntime(String ref, FeatureMappingSpec spec, Schema schema, TeacherSignature signature,
    ConcurrentLinkedQueue<CompiledMapper> pool) {

  /** Compiles a mapping version (the spec was validated when it was registered). */
  public static MappingRuntime compile(String ref, FeatureMappingSpec spec, Schema schema, TeacherSignature signature) {
    ConcurrentLinkedQueue<CompiledMapper> pool = new ConcurrentLinkedQueue<>();
    pool.add(FeatureMapping.compile(spec, signature, schema));
    return new MappingRuntime(ref, spec, schema, signature, pool);
  }

  /** Runs {@code work} with a mapper no other thread uses meanwhile. */
  public void withMapper(Consumer<CompiledMapper> work) {
    CompiledMapper mapper = pool.poll();
    if (mapper == null) {
      mapper = FeatureMapping.compile(spec, signature, schema);
    }
    try {
      work.accept(mapper);
    } finally {
      pool.offer(mapper);
    }
  }
}
