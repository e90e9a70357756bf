package io.crossdistill.teacher.backfill;

import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.LabelSetKey;
import io.crossdistill.labelling.LabelStore;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.service.Conflict;
import io.crossdistill.teacher.service.NotFound;
import io.crossdistill.teacher.service.TeamAccess;
import io.crossdistill.teacher.metrics.ServiceMetrics;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Batch label backfills: a team submits a job (checked whole by {@link BackfillPlanner}), it waits in a
 * first-in first-out queue until one of {@code crossdistill.backfill.max-concurrent} slots is free, then
 * runs labelling's {@link Backfill} into the label store ({@code crossdistill.labels.store}) with one
 * teacher lease for its whole life. A job whose label set exists already succeeds at once and counts the
 * teacher time it saved; one whose set is being made by another job gets that job. Job records live in
 * {@code <data-dir>/backfills}; jobs that were queued or running when the service stopped are queued again
 * at start and resume from their checkpoints.
 */
@Startup
@ApplicationScoped
public class BackfillService {

  private static final Logger LOG = Logger.getLogger(BackfillService.class);

  /** A submission's answer: the job, and whether this call created a job that will run. */
  public record Submitted(BackfillJob job, boolean queued) {
  }

  private final BackfillPlanner planner;
  private final TeamAccess access;
  private final LabelStore store;
  private final BackfillJobStore records;
  private final JobRunner runner;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor;
  private volatile boolean shuttingDown;

  @Inject
  public BackfillService(ServiceSettings settings, BackfillPlanner planner, ServiceMetrics metrics, BackfillHooks hooks,
      TeamAccess access) {
    this.access = access;
    this.planner = planner;
    this.store = new LabelStore(settings.labelStore());
    this.records = new BackfillJobStore(settings.dataDir().resolve("backfills"));
    this.runner = new JobRunner(planner, store, records, metrics, hooks, settings.dataDir().resolve("backfill-work"),
        () -> shuttingDown);
    int slots = settings.config().backfill().maxConcurrent();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread thread = new Thread(r, "backfill-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    metrics.backfillJobs(Stream.of(BackfillState.values()).map(Enum::name).toList(),
        state -> jobs.values().stream().filter(j -> j.state().name().equals(state)).count());
    recover();
  }

  /** The label store jobs write. */
  public LabelStore labelStore() {
    return store;
  }

  /**
   * Checks and submits a job for {@code team}.
   *
   * @return the queued job; or, with {@code queued} false, the job that already makes the same label set, or a
   *     new job that found the set made (SUCCEEDED, reused)
   * @throws io.crossdistill.teacher.service.ServiceException listing every problem of the request (invalid,
   *     forbidden), or unavailable when no teacher serves
   */
  public Submitted submit(BackfillRequest request, String team) {
    BackfillPlan plan = planner.plan(request, team);
    RecordSource source = null;
    try {
      String setId = null;
      if (plan.keyedAtSubmit()) {
        source = plan.open(null);
        LabelSetKey key = Backfill.key(plan.path(), source, plan.run());
        setId = key.id();
        Optional<Job> making = active(setId);
        if (making.isPresent()) {
          JobRunner.close(source, plan);
          return new Submitted(making.get().snapshot(), false);
        }
        if (store.find(key).isPresent()) {
          Job job = Job.submitted(newId(), team, plan, source, setId);
          jobs.put(job.id(), job);
          runner.run(job);
          return new Submitted(job.snapshot(), false);
        }
      }
      Job job = Job.submitted(newId(), team, plan, source, setId);
      BackfillJob queued = job.snapshot();
      jobs.put(job.id(), job);
      records.save(job);
      LOG.infof("backfill %s queued for team %s: %s with %s and %s", job.id(), team, plan.input().label(),
          plan.request().mapping(), plan.request().alignment());
      executor.execute(() -> runner.run(job));
      return new Submitted(queued, true);
    } catch (RuntimeException | Error e) {
      JobRunner.close(source, plan);
      throw e;
    }
  }

  /** The team's jobs, oldest first. */
  public List<BackfillJob> list(String team) {
    return jobs.values().stream().filter(j -> j.team().equals(team)).map(Job::snapshot)
        .sorted(Comparator.comparing(BackfillJob::submittedAt).thenComparing(BackfillJob::id)).toList();
  }

  /** One of the team's jobs; 404 when there is none, 403 when another team's. */
  public BackfillJob get(String id, String team) {
    return find(id, team).snapshot();
  }

  /** Cancels a queued job at once, or stops a running one after its current batch (its checkpoint stays). */
  public BackfillJob cancel(String id, String team) {
    Job job = find(id, team);
    BackfillState state = job.state();
    if (state == BackfillState.SUCCEEDED || state == BackfillState.FAILED) {
      throw new Conflict("backfill " + id + " has ended (" + state + ")");
    }
    job.cancel().ifPresent(pending -> {
      pending.close();
      LOG.infof("backfill %s cancelled while queued", id);
    });
    records.save(job);
    return job.snapshot();
  }

  private Job find(String id, String team) {
    Job job = jobs.get(id);
    if (job == null) {
      throw new NotFound("no backfill job '" + id + "'");
    }
    access.requireOwner(job.team(), team, "backfill job '" + id + "'");
    return job;
  }

  private Optional<Job> active(String setId) {
    return jobs.values().stream().filter(j -> !j.state().ended() && j.labelSet().filter(setId::equals).isPresent())
        .findFirst();
  }

  /** Queues again every job that was queued or running when the service stopped, in submission order. */
  private void recover() {
    for (BackfillJob record : records.load()) {
      if (record.state().ended()) {
        jobs.put(record.id(), Job.restored(record));
        continue;
      }
      Job job = Job.resumed(record);
      jobs.put(job.id(), job);
      records.save(job);
      executor.execute(() -> runner.run(job));
      LOG.infof("backfill %s was %s when the service stopped: queued again, it resumes from its checkpoint",
          record.id(), record.state());
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  @PreDestroy
  void close() {
    shuttingDown = true;
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("backfill jobs did not stop within 30 s; they resume from their checkpoints at the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
