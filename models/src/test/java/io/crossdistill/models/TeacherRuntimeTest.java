package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.schemas.TeacherInputBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Micro-batching and closing of {@link TeacherRuntime}, with a {@link FakeTeacher} whose outputs name their row and version. */
class TeacherRuntimeTest {

  /** A request whose rows are unique: a = tag × 100 + row, b = row, id = (tag × 7 + row) mod IDS. */
  private record Call(int tag, TeacherInputBatch batch, float[] out) {
    static Call of(TeacherRuntime runtime, int tag, int rows) {
      TeacherInputBatch batch = runtime.layout().newBatch(rows);
      for (int r = 0; r < rows; r++) {
        batch.numeric()[r * 2] = tag * 100f + r;
        batch.numeric()[r * 2 + 1] = r;
        batch.ids()[r] = (tag * 7L + r) % FakeTeacher.IDS;
      }
      batch.setSize(rows);
      return new Call(tag, batch, new float[rows * 2]);
    }

    /** True when every row of the output is this call's own row, computed by {@code version}. */
    boolean answeredBy(int version) {
      for (int r = 0; r < batch.size(); r++) {
        if (out[r * 2] != FakeTeacher.sum(tag * 100f + r, r, version)
            || out[r * 2 + 1] != FakeTeacher.id((tag * 7L + r) % FakeTeacher.IDS, version)) {
          return false;
        }
      }
      return true;
    }
  }

  @Test
  void microBatching_smallRequestsQueuedWhileTheLaneIsBusy_shareOnePassAndEachGetsItsOwnRows() throws Exception {
    FakeTeacher teacher = new FakeTeacher(1, true);
    try (TeacherRuntime runtime = TeacherRuntime.builder().optPoolSize(1).optMaxBatchRows(40)
        .optMaxWait(Duration.ofSeconds(30)).build(teacher)) {
      Call filler = Call.of(runtime, 0, 40);
      CompletableFuture<TeacherRuntime.Answer> first = runtime.submit(filler.batch(), filler.out());
      assertThat(teacher.firstPassEntered.await(30, TimeUnit.SECONDS)).isTrue();
      List<Call> calls = new ArrayList<>();
      List<CompletableFuture<TeacherRuntime.Answer>> answers = new ArrayList<>();
      for (int tag = 1; tag <= 10; tag++) {
        Call call = Call.of(runtime, tag, 4);
        calls.add(call);
        answers.add(runtime.submit(call.batch(), call.out()));
      }
      teacher.open();

      assertThat(first.get().rows()).isEqualTo(40);
      for (int i = 0; i < calls.size(); i++) {
        TeacherRuntime.Answer answer = answers.get(i).get();
        assertThat(answer.contentHash()).isEqualTo("hash-v1");
        assertThat(answer.rows()).isEqualTo(4);
        assertThat(calls.get(i).answeredBy(1)).as("call %d got its own rows", i + 1).isTrue();
      }
      assertThat(filler.answeredBy(1)).isTrue();
      assertThat(teacher.passSizes).containsExactly(40, 40);
      assertThat(runtime.forwardPasses()).isEqualTo(2);
      assertThat(runtime.requests()).isEqualTo(11);
    }
  }

  @Test
  void microBatching_anOutOfRangeIdInOneRequest_failsOnlyThatRequest() throws Exception {
    FakeTeacher teacher = new FakeTeacher(1, true);
    try (TeacherRuntime runtime = TeacherRuntime.builder().optPoolSize(1).optMaxBatchRows(12)
        .optMaxWait(Duration.ofSeconds(30)).build(teacher)) {
      Call filler = Call.of(runtime, 0, 12);
      runtime.submit(filler.batch(), filler.out());
      assertThat(teacher.firstPassEntered.await(30, TimeUnit.SECONDS)).isTrue();
      Call good1 = Call.of(runtime, 1, 4);
      Call bad = Call.of(runtime, 2, 4);
      bad.batch().ids()[3] = FakeTeacher.IDS;
      Call good2 = Call.of(runtime, 3, 4);
      CompletableFuture<TeacherRuntime.Answer> a1 = runtime.submit(good1.batch(), good1.out());
      CompletableFuture<TeacherRuntime.Answer> a2 = runtime.submit(bad.batch(), bad.out());
      CompletableFuture<TeacherRuntime.Answer> a3 = runtime.submit(good2.batch(), good2.out());
      teacher.open();

      assertThat(a1.get().rows()).isEqualTo(4);
      assertThat(a3.get().rows()).isEqualTo(4);
      assertThatThrownBy(a2::get).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IllegalArgumentException.class)
          .hasMessage("row 3, id input 'user': id 1000 outside [0, 1000)");
      assertThat(good1.answeredBy(1)).isTrue();
      assertThat(good2.answeredBy(1)).isTrue();
      assertThat(teacher.passSizes).containsExactly(12, 8);
    }
  }

  @Test
  void microBatching_aFailedPass_failsItsCallersAndTheLaneServesTheNextRequest() {
    FakeTeacher teacher = new FakeTeacher(1, false);
    try (TeacherRuntime runtime = TeacherRuntime.builder().optPoolSize(1).optMaxWait(Duration.ZERO).build(teacher)) {
      teacher.passesToFail.set(1);
      Call failing = Call.of(runtime, 1, 3);
      assertThatThrownBy(() -> runtime.predict(failing.batch(), failing.out()))
          .isInstanceOf(IllegalStateException.class).hasMessage("fake teacher v1 failed this pass");

      Call next = Call.of(runtime, 2, 3);
      assertThat(runtime.predict(next.batch(), next.out()).rows()).isEqualTo(3);
      assertThat(next.answeredBy(1)).isTrue();
      assertThat(teacher.passSizes).containsExactly(3);
    }
  }

  @Test
  void predict_requestLargerThanABatch_runsAloneInOnePass() {
    FakeTeacher teacher = new FakeTeacher(1, false);
    try (TeacherRuntime runtime = TeacherRuntime.builder().optMaxBatchRows(8).build(teacher)) {
      Call call = Call.of(runtime, 5, 100);
      TeacherRuntime.Answer answer = runtime.predict(call.batch(), call.out());
      assertThat(answer).isEqualTo(new TeacherRuntime.Answer("fake", "hash-v1", 100));
      assertThat(call.answeredBy(1)).isTrue();
      assertThat(teacher.passSizes).containsExactly(100);
    }
  }

  @Test
  void close_withARequestInFlight_answersItAndThenClosesTheTeacher() throws Exception {
    FakeTeacher teacher = new FakeTeacher(1, true);
    TeacherRuntime runtime = TeacherRuntime.builder().optPoolSize(1).optMaxWait(Duration.ZERO).build(teacher);
    Call call = Call.of(runtime, 1, 3);
    CompletableFuture<TeacherRuntime.Answer> answer = runtime.submit(call.batch(), call.out());
    assertThat(teacher.firstPassEntered.await(30, TimeUnit.SECONDS)).isTrue();
    ExecutorService closer = Executors.newSingleThreadExecutor();
    try {
      Future<?> closing = closer.submit(runtime::close);
      assertThat(teacher.closed).as("not closed while a pass runs").isFalse();
      teacher.open();
      closing.get(30, TimeUnit.SECONDS);
    } finally {
      closer.shutdownNow();
    }
    assertThat(answer.get().rows()).isEqualTo(3);
    assertThat(call.answeredBy(1)).isTrue();
    assertThat(teacher.closed).isTrue();
  }

  @Test
  void submit_afterClose_isRefused() {
    TeacherRuntime runtime = TeacherRuntime.builder().build(new FakeTeacher(1, false));
    runtime.close();
    Call call = Call.of(runtime, 1, 2);
    assertThatThrownBy(() -> runtime.submit(call.batch(), call.out()))
        .isInstanceOf(IllegalStateException.class).hasMessage("the teacher runtime is closed");
  }
}
