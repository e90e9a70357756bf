package io.crossdistill.models;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A pure-Java teacher for runtime tests: two FLOAT inputs and one ID input, two heads. Head 0 is
 * {@code a + b + version × 1000}, head 1 is {@code id + version × 1000}, so every output row says which
 * row and which version made it. Records the size of every forward pass, refuses to run once closed, and
 * can hold its first pass at a gate or fail passes on demand.
 */
class FakeTeacher implements Teacher {

  static final int IDS = 1000;

  private final int version;
  private final TeacherSignature signature;
  final List<Integer> passSizes = new CopyOnWriteArrayList<>();
  final CountDownLatch firstPassEntered = new CountDownLatch(1);
  private final CountDownLatch gate;
  volatile boolean closed;
  /** Passes still to fail, each with an IllegalStateException, before passes succeed again. */
  final java.util.concurrent.atomic.AtomicInteger passesToFail = new java.util.concurrent.atomic.AtomicInteger();

  FakeTeacher(int version, boolean gated) {
    this.version = version;
    this.gate = new CountDownLatch(gated ? 1 : 0);
    this.signature = TeacherSignature.newBuilder()
        .setTeacherId("fake")
        .setContentHash("hash-v" + version)
        .setInputs(List.of(
            TeacherInput.newBuilder().setName("a").setType(InputType.FLOAT).build(),
            TeacherInput.newBuilder().setName("user").setType(InputType.ID).setCardinality(IDS).build(),
            TeacherInput.newBuilder().setName("b").setType(InputType.FLOAT).build()))
        .setHeads(List.of(
            TeacherHead.newBuilder().setName("sum").setKind(HeadKind.REGRESSION).build(),
            TeacherHead.newBuilder().setName("id").setKind(HeadKind.REGRESSION).build()))
        .build();
  }

  /** Lets the held first pass run. */
  void open() {
    gate.countDown();
  }

  static float sum(float a, float b, int version) {
    return a + b + version * 1000f;
  }

  static float id(long id, int version) {
    return id + version * 1000f;
  }

  @Override
  public TeacherSignature signature() {
    return signature;
  }

  @Override
  public String contentHash() {
    return signature.getContentHash();
  }

  @Override
  public void predict(TeacherInputBatch batch, float[] out) {
    if (closed) {
      throw new IllegalStateException("fake teacher v" + version + " used after close");
    }
    firstPassEntered.countDown();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (passesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("fake teacher v" + version + " failed this pass");
    }
    passSizes.add(batch.size());
    for (int r = 0; r < batch.size(); r++) {
      out[r * 2] = sum(batch.numeric()[r * 2], batch.numeric()[r * 2 + 1], version);
      out[r * 2 + 1] = id(batch.ids()[r], version);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
