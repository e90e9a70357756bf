package io.crossdistill.teacher.reports;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.backfill.LabelSetService;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.service.NotFound;
import io.crossdistill.teacher.service.ServiceException;
import io.crossdistill.teacher.service.TeamAccess;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Student reports: the runs of {@code student compare} (and {@code demo --data}) that teams publish by writing (or
 * copying) their output directories to {@code <reports root>/<team>/<run>/}. A report belongs to the team
 * whose directory holds it; operators read every team's. A directory is a report once it holds a
 * {@code report.html}; its {@code metrics.json} and label sets are read for the summary, and what cannot be
 * read is listed as a problem of that report rather than failing the answer.
 */
@ApplicationScoped
public class ReportService {

  private static final Logger LOG = Logger.getLogger(ReportService.class);

  private final Path root;
  private final long maxHtmlBytes;
  private final TeamAccess access;
  private final LabelSetService labelSets;
  private final ReadFiles.Caches files;

  @Inject
  public ReportService(ServiceSettings settings, TeamAccess access, LabelSetService labelSets, MeterRegistry meters) {
    this.root = settings.reportsRoot();
    this.maxHtmlBytes = settings.config().reports().maxHtmlBytes();
    this.access = access;
    this.labelSets = labelSets;
    this.files = ReadFiles.Caches.create(meters);
  }

  /**
   * The reports {@code team} may read, newest first: its own, or every team's for an operator; with
   * {@code labelSet}, only those whose students read that label set.
   */
  public List<Report> list(String team, boolean operator, Optional<String> labelSet) {
    List<Map.Entry<Instant, Report>> found = new ArrayList<>();
    for (String owner : operator ? teams() : List.of(team)) {
      for (String run : directories(root.resolve(owner))) {
        if (!ReportId.isRun(run)) {
          continue;
        }
        ReportId id = new ReportId(owner, run);
        try {
          RunDirectory dir = RunDirectory.locate(root, id, files);
          Report report = view(dir, team);
          if (labelSet.map(report::uses).orElse(true)) {
            found.add(Map.entry(dir.created(), report));
          }
        } catch (ServiceException e) {
          LOG.debugf("not a report: %s (%s)", id, e.getMessage());
        }
      }
    }
    found.sort(Comparator.<Map.Entry<Instant, Report>, Instant>comparing(Map.Entry::getKey).reversed()
        .thenComparing(e -> e.getValue().id()));
    return found.stream().map(Map.Entry::getValue).toList();
  }

  /** One report; 404 when {@code id} names none, 403 when it is another team's (and the caller no operator). */
  public Report get(String id, String team, boolean operator) {
    return view(readable(id, team, operator), team);
  }

  /** The bytes of a report's {@code report.html}; 409 when it is over {@code crossdistill.reports.max-html-bytes}. */
  public byte[] html(String id, String team, boolean operator) {
    return readable(id, team, operator).html(maxHtmlBytes);
  }

  private RunDirectory readable(String id, String team, boolean operator) {
    ReportId parsed = ReportId.parse(id).orElseThrow(() -> new NotFound(
        "no such report: a report id is <team>" + ReportId.SEPARATOR + "<run>, both names"));
    RunDirectory dir = RunDirectory.locate(root, parsed, files);
    if (!operator) {
      access.requireOwner(parsed.team(), team, "report '" + parsed + "'");
    }
    return dir;
  }

  private Report view(RunDirectory dir, String caller) {
    List<Problem> problems = new ArrayList<>();
    Optional<MetricsFile.Contents> metrics = dir.metrics(problems);
    List<RunDirectory.LabelSetFile> sets = dir.labelSets(problems);
    long htmlBytes = dir.htmlBytes();
    if (htmlBytes > maxHtmlBytes) {
      problems.add(new Problem("/htmlBytes", RunDirectory.tooLarge(htmlBytes, maxHtmlBytes)
          + ": the page is not served"));
    }
    List<Report.LabelSetUse> uses = sets.stream().map(s -> use(s, caller)).toList();
    ReportId id = dir.id();
    return new Report(id.toString(), id.team(), id.run(),
        dir.created().truncatedTo(ChronoUnit.MILLIS).toString(),
        metrics.flatMap(MetricsFile.Contents::title).orElse(id.run()),
        uses.stream().map(Report.LabelSetUse::id).toList(), uses,
        metrics.map(MetricsFile.Contents::students).orElse(0),
        metrics.map(MetricsFile.Contents::summary).orElse(Report.Summary.NONE), htmlBytes, List.copyOf(problems));
  }

  private Report.LabelSetUse use(RunDirectory.LabelSetFile set, String caller) {
    LabelSetManifest m = set.manifest();
    return new Report.LabelSetUse(m.id(), set.path(), m.key().teacherId(), m.key().teacherHash(), m.key().mapping(),
        m.key().alignment(), m.key().inputHash(), m.counts(), inService(m.id(), caller));
  }

  /** Whether {@code caller} can read a set with this id in the service's label store (the console links it then). */
  private boolean inService(String id, String caller) {
    try {
      labelSets.manifest(id, caller);
      return true;
    } catch (ServiceException | UncheckedIOException | IllegalStateException e) {
      return false;
    }
  }

  /** The team directories under the root. */
  private List<String> teams() {
    return directories(root).stream().filter(ReportId::isTeam).toList();
  }

  /** Names of the plain directories (not links) in {@code dir}, sorted; none when it is not one. */
  private static List<String> directories(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      LOG.warnf("cannot list the reports directory %s: %s", dir, e.getMessage());
      return List.of();
    }
  }
}
