package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.models.ModelException;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Teacher;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap with real DJL teachers: two versions of the tiny teacher (same inputs and heads, other
 * weights, so other content hashes and outputs), each served by its own {@link TeacherRuntime}.
 */
class ServingTeacherTest {

  private static final int ROWS = 4;

  @TempDir
  static Path dir;
  private static Path v1;
  private static Path v2;
  /** Each version's outputs for {@link #batch()}, by content hash, from the teacher itself. */
  private static final Map<String, float[]> EXPECTED = new HashMap<>();

  @BeforeAll
  static void writeTwoVersions() throws ModelException {
    v1 = write(dir.resolve("v1"), 1);
    v2 = write(dir.resolve("v2"), 2);
  }

  /** An untrained (randomly initialised, seeded) network on the tiny teacher's signature, sealed. */
  private static Path write(Path into, long seed) throws ModelException {
    TeacherSignature unsealed = TeacherSignature.newBuilder(TinyTeacher.signature()).setContentHash("").build();
    try (MultiTaskModel model = MultiTaskModel.create(NetworkConfig.fromSignature(unsealed, 4, List.of(8)), seed)) {
      TeacherArtifact.write(into, model, unsealed);
    }
    try (Teacher teacher = Teacher.open(into)) {
      TeacherInputBatch batch = batch();
      float[] out = new float[ROWS * teacher.headCount()];
      teacher.predict(batch, out);
      EXPECTED.put(teacher.contentHash(), out);
    }
    return into;
  }

  private static TeacherInputBatch batch() {
    TeacherInputBatch batch = TeacherInputLayout.of(TinyTeacher.signature()).newBatch(ROWS);
    for (int r = 0; r < ROWS; r++) {
      batch.numeric()[r] = r * 0.75f - 1f;
      batch.ids()[r] = 2L * r + 1;
    }
    batch.setSize(ROWS);
    return batch;
  }

  /** A runtime over the artifact in {@code from} whose teacher counts {@code closed} down when it closes. */
  private static TeacherRuntime runtime(Path from, CountDownLatch closed) throws ModelException {
    Teacher teacher = Teacher.open(from);
    Teacher watched = new Teacher() {
      @Override
      public TeacherSignature signature() {
        return teacher.signature();
      }

      @Override
      public String contentHash() {
        return teacher.contentHash();
      }

      @Override
      public void predict(TeacherInputBatch batch, float[] out) {
        teacher.predict(batch, out);
      }

      @Override
      public void close() {
        teacher.close();
        closed.countDown();
      }
    };
    return TeacherRuntime.builder().optPoolSize(2).optMaxWait(Duration.ofNanos(100_000)).build(watched);
  }

  /** True when every row of {@code out} is what the version {@code contentHash} answers for {@link #batch()}. */
  private static boolean answeredBy(String contentHash, float[] out) {
    float[] expected = EXPECTED.get(contentHash);
    if (expected == null) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      // a row's outputs do not depend on which rows shared its forward pass, up to float rounding
      if (Math.abs(out[i] - expected[i]) > 1e-5f * Math.max(1f, Math.abs(expected[i]))) {
        return false;
      }
    }
    return true;
  }

  private static float[] predict(ServingTeacher.Lease lease) {
    float[] out = new float[ROWS * lease.headCount()];
    lease.predict(batch(), out);
    return out;
  }

  @Test
  void versionsDiffer() {
    assertThat(EXPECTED).hasSize(2);
    float[][] outputs = EXPECTED.values().toArray(new float[0][]);
    assertThat(outputs[0]).isNotEqualTo(outputs[1]);
  }

  @Test
  void lease_heldAcrossAServe_answersFromItsVersion_laterLeasesGetTheNewOne_andTheOldClosesAfterTheLast() throws Exception {
    CountDownLatch firstClosed = new CountDownLatch(1);
    CountDownLatch secondClosed = new CountDownLatch(1);
    try (ServingTeacher serving = new ServingTeacher()) {
      serving.serve(runtime(v1, firstClosed), v1);
      ServingTeacher.Lease inFlight = serving.lease();
      ServingTeacher.Lease alsoInFlight = serving.lease();
      String first = inFlight.contentHash();
      assertThat(inFlight.path()).isEqualTo(v1);
      assertThat(inFlight.id()).isEqualTo("tiny");

      serving.serve(runtime(v2, secondClosed), v2);
      assertThat(serving.signature().orElseThrow().getContentHash()).isNotEqualTo(first);
      assertThat(serving.source()).contains(v2);
      assertThat(answeredBy(first, predict(inFlight))).as("an in-flight lease finishes on the old version").isTrue();
      try (ServingTeacher.Lease later = serving.lease()) {
        assertThat(later.contentHash()).isNotEqualTo(first);
        assertThat(later.path()).isEqualTo(v2);
        assertThat(answeredBy(later.contentHash(), predict(later))).isTrue();
      }

      inFlight.close();
      inFlight.close(); // closing twice releases once
      assertThat(firstClosed.getCount()).as("open while a lease holds it").isEqualTo(1);
      assertThat(answeredBy(first, predict(alsoInFlight))).isTrue();
      alsoInFlight.close();
      assertThat(firstClosed.await(30, TimeUnit.SECONDS)).as("closed after its last lease").isTrue();
      assertThat(secondClosed.getCount()).as("the serving version stays open").isEqualTo(1);
      assertThatThrownBy(() -> predict(inFlight)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is closed");
      assertThat(serving.forwardPasses()).isEqualTo(3);
    }
    assertThat(secondClosed.await(30, TimeUnit.SECONDS)).as("close() retires the serving version").isTrue();
  }

  @Test
  void lease_whenNoneServes_throwsNoTeacherException() {
    try (ServingTeacher serving = new ServingTeacher()) {
      assertThat(serving.tryLease()).isEmpty();
      assertThat(serving.signature()).isEmpty();
      assertThatThrownBy(serving::lease).isInstanceOf(NoTeacherException.class)
          .hasMessage("no teacher serves yet: load or register one first");
      assertThat(serving.forwardPasses()).isZero();
    }
  }

  @Test
  void serve_afterClose_isRefusedAndClosesTheRuntime() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    ServingTeacher serving = new ServingTeacher();
    serving.close();
    assertThatThrownBy(() -> serving.serve(runtime(v1, closed), v1)).isInstanceOf(IllegalStateException.class);
    assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(serving::lease).isInstanceOf(NoTeacherException.class)
        .hasMessage("the serving teacher is closed");
  }

  @Test
  void serveIfNone_whenAVersionServes_leavesItAndTheCallerKeepsTheRuntime() throws Exception {
    CountDownLatch firstClosed = new CountDownLatch(1);
    try (ServingTeacher serving = new ServingTeacher()) {
      assertThat(serving.serveIfNone(runtime(v1, firstClosed), v1)).isTrue();
      String first = serving.signature().orElseThrow().getContentHash();
      CountDownLatch secondClosed = new CountDownLatch(1);
      try (TeacherRuntime second = runtime(v2, secondClosed)) {
        assertThat(serving.serveIfNone(second, v2)).isFalse();
        assertThat(serving.signature().orElseThrow().getContentHash()).isEqualTo(first);
        assertThat(secondClosed.getCount()).as("still the caller's").isEqualTo(1);
      }
      assertThat(secondClosed.await(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(firstClosed.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void leaseAndServe_concurrently_loseNoRequest_mixNoVersions_andCloseEveryRetiredRuntime() throws Exception {
    int callers = 6;
    int serves = 8;
    List<CountDownLatch> closed = new ArrayList<>();
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger answered = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    ServingTeacher serving = new ServingTeacher();
    try {
      closed.add(new CountDownLatch(1));
      serving.serve(runtime(v1, closed.get(0)), v1);
      List<Future<?>> running = new ArrayList<>();
      // every caller must answer some leases on each version between two serves
      CountDownLatch[] answeredSince = new CountDownLatch[serves + 1];
      answeredSince[0] = new CountDownLatch(callers * 5);
      for (int s = 1; s <= serves; s++) {
        answeredSince[s] = new CountDownLatch(callers * 5);
      }
      AtomicInteger epoch = new AtomicInteger();
      for (int c = 0; c < callers; c++) {
        int caller = c;
        running.add(pool.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            int seen = epoch.get();
            try (ServingTeacher.Lease lease = serving.lease()) {
              // two passes on one lease, a serve may fall between them: both come from the lease's version
              for (int pass = 0; pass < 2; pass++) {
                float[] out = predict(lease);
                if (!answeredBy(lease.contentHash(), out)) {
                  wrong.add("caller " + caller + " lease " + i + " pass " + pass + " is not version "
                      + lease.contentHash());
                }
              }
            }
            answered.incrementAndGet();
            answeredSince[seen].countDown();
          }
          return null;
        }));
      }
      for (int s = 1; s <= serves; s++) {
        assertThat(answeredSince[s - 1].await(60, TimeUnit.SECONDS)).as("answers before serve %d", s).isTrue();
        CountDownLatch latch = new CountDownLatch(1);
        closed.add(latch);
        Path next = s % 2 == 1 ? v2 : v1;
        serving.serve(runtime(next, latch), next);
        epoch.set(s);
        assertThat(closed.get(s - 1).await(60, TimeUnit.SECONDS)).as("version %d closes after its leases", s - 1)
            .isTrue();
      }
      assertThat(answeredSince[serves].await(60, TimeUnit.SECONDS)).isTrue();
      stop.set(true);
      for (Future<?> caller : running) {
        caller.get(60, TimeUnit.SECONDS); // rethrows any failed request
      }
      assertThat(closed.get(serves).getCount()).as("the serving version is open").isEqualTo(1);
    } finally {
      stop.set(true);
      pool.shutdownNow();
      serving.close();
    }
    assertThat(wrong).isEmpty();
    for (CountDownLatch latch : closed) {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    }
    // every lease made two passes; micro-batching may share passes among callers
    assertThat(serving.forwardPasses()).isPositive().isLessThanOrEqualTo(2L * answered.get());
  }
}
