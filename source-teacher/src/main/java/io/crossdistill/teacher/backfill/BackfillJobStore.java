package io.crossdistill.teacher.backfill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crossdistill.labelling.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The records of backfill jobs: one small JSON file per job ({@code <dir>/<id>.json}), replaced atomically at
 * every change of state, so a restarted service lists every job and finds the ones to resume.
 */
final class BackfillJobStore {

  private static final Logger LOG = Logger.getLogger(BackfillJobStore.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;

  BackfillJobStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the backfill job directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the job's record as it is now (whole or not at all). The runner and a cancel save the same job
   * at the same moment: one writer at a time, each writing the job's state when it holds the store, so the
   * record on disk is never an older state than one already written (a cancelled job never reads as
   * running after a restart) and two writers never share the file written aside.
   */
  synchronized void save(Job job) {
    BackfillJob record = job.snapshot();
    try {
      AtomicFiles.write(dir.resolve(record.id() + ".json"), JSON.writeValueAsBytes(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode backfill job " + record.id(), e);
    }
  }

  /** Every job record, oldest first; an unreadable record is logged and skipped. */
  List<BackfillJob> load() {
    List<BackfillJob> jobs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        try {
          jobs.add(JSON.readValue(Files.readAllBytes(file), BackfillJob.class));
        } catch (IOException e) {
          LOG.errorf("backfill job record %s cannot be read, skipped: %s", file.getFileName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the backfill job directory " + dir + ": " + e.getMessage(), e);
    }
    jobs.sort(Comparator.comparing(BackfillJob::submittedAt).thenComparing(BackfillJob::id));
    return jobs;
  }
}
