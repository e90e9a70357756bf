package io.crossdistill.teacher.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runner and a cancel save the same job's record at the same moment (the web console's cancel
 * button against a running backfill did: one save in five failed on the other's file written aside).
 */
class BackfillJobStoreTest {

  @TempDir
  Path dir;

  @Test
  void concurrentSavesOfOneJob_allSucceed_andTheRecordIsTheJobsLastState() throws Exception {
    BackfillJobStore store = new BackfillJobStore(dir);
    BackfillJob record = new BackfillJob("job-1", "music", BackfillState.RUNNING, null, null, 0, 1000L, 0, 0, 0,
        null, null, null, false, 0.0, "2026-12-01T00:00:00Z", "2026-12-01T00:00:01Z", null);
    Job job = Job.resumed(record);
    int writers = 4;
    int savesEach = 200;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> saves = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        saves.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < savesEach; i++) {
            store.save(job);
          }
          return null;
        }));
      }
      Future<?> cancel = pool.submit(() -> {
        start.await();
        job.cancel();
        store.save(job);
        return null;
      });
      start.countDown();
      for (Future<?> save : saves) {
        save.get(60, TimeUnit.SECONDS); // rethrows a failed save
      }
      cancel.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<BackfillJob> loaded = store.load();
    assertThat(loaded).hasSize(1);
    assertThat(loaded.get(0).state()).as("a cancelled job never reads as queued or running after a restart")
        .isEqualTo(BackfillState.CANCELLED);
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("job-1.json");
    }
  }
}
