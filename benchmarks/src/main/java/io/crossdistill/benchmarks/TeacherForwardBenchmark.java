package io.crossdistill.benchmarks;

import io.crossdistill.models.GemmCeiling;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Teacher forward throughput: one {@code predict} of a batch of {@code batch} rows through a reference
 * teacher of each size ({@link #forward}), and as a reference ceiling the same chain of matrix products
 * alone, on inputs already in native memory, without bias, ReLU, embeddings or copies
 * ({@link #matmulCeiling}): what the engine's GEMM reaches on these shapes. Examples per second = ops/s ×
 * batch; FLOPs per example are printed by {@link TeacherServingBenchmark} (and in docs/teachers.md), so
 * the fraction of the machine's FP32 peak follows.
 *
 * <p>Threads: the fork runs PyTorch with {@code -Dai.djl.pytorch.num_threads=2} intra-op threads (both
 * cores in one pass) and JMH with one benchmark thread. For the serving setting (one intra-op thread per
 * pass, two passes at once) run with {@code -t 2 -jvmArgsAppend -Dai.djl.pytorch.num_threads=1}; each
 * JMH thread has its own model and buffers ({@link Scope#Thread}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=1"})
public class TeacherForwardBenchmark {

  @Param({"SMALL", "MEDIUM", "LARGE"})
  public String size;

  @Param({"1", "64", "1024"})
  public int batch;

  private MultiTaskModel model;
  private TeacherInputBatch rows;
  private float[] out;
  private GemmCeiling ceiling;

  @Setup(Level.Trial)
  public void setUp() {
    TeacherSizes teacher = TeacherSizes.valueOf(size);
    model = teacher.model();
    rows = TeacherSizes.randomBatch(TeacherInputLayout.of(TeacherSizes.signature("")), batch, 7);
    out = new float[batch * TeacherSizes.HEADS];
    ceiling = GemmCeiling.of(batch, teacher.config().trunkInputWidth(), teacher.widths, TeacherSizes.HEADS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
    ceiling.close();
  }

  /** The teacher's forward pass as callers see it: rows in Java arrays in, raw head outputs out. */
  @Benchmark
  public float[] forward() {
    model.predict(rows, out);
    return out;
  }

  /** The matrix products of the trunk and heads alone (same shapes, same FLOPs): the engine's ceiling. */
  @Benchmark
  public float matmulCeiling() {
    return ceiling.run();
  }
}
