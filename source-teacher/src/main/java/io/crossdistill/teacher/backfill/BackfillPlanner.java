package io.crossdistill.teacher.backfill;

import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.KafkaRecordSource;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.AlignmentService;
import io.crossdistill.teacher.service.ConfinedPaths;
import io.crossdistill.teacher.service.Forbidden;
import io.crossdistill.teacher.service.Invalid;
import io.crossdistill.teacher.service.ServiceException;
import io.crossdistill.teacher.service.TeamAccess;
import io.crossdistill.teacher.service.TeacherService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;

/**
 * Turns a backfill request into a {@link BackfillPlan}, checking all of it first and answering with every
 * problem at once, each at its JSON pointer: the mapping and alignment through {@link TeamAccess} (the
 * team's access, as for every other call), the input through {@link ConfinedPaths} under the backfill data
 * root, then against the version that serves: the teacher named, the mapping valid for it (as online labels
 * decide it), the alignment applicable, the input's records readable as the mapping's target schema.
 * A problem of access or confinement makes the refusal {@link Forbidden}, any other {@link Invalid}.
 */
@ApplicationScoped
public class BackfillPlanner {

  /** Most rows per forward pass a job may ask for. */
  static final int MAX_BATCH_ROWS = 65_536;

  private final TeamAccess access;
  private final TeacherService teachers;
  private final LabelService labels;
  private final AlignmentService alignments;
  private final Path dataRoot;
  private final Optional<String> kafka;
  private final Map<String, String> kafkaProperties;

  @Inject
  public BackfillPlanner(TeamAccess access, TeacherService teachers, LabelService labels,
      AlignmentService alignments, ServiceSettings settings) {
    this.access = access;
    this.teachers = teachers;
    this.labels = labels;
    this.alignments = alignments;
    this.dataRoot = settings.backfillDataRoot();
    this.kafka = settings.config().stream().bootstrapServers();
    this.kafkaProperties = Map.copyOf(settings.config().stream().kafka());
  }

  /**
   * Checks and resolves {@code request} for {@code team}; the plan holds a lease on the serving teacher
   * version until it is closed.
   *
   * @throws Invalid or {@link Forbidden} listing every problem; {@code Unavailable} when no teacher serves
   */
  public BackfillPlan plan(BackfillRequest request, String team) {
    if (request == null) {
      throw Invalid.at("", "empty body",
          "send {\"teacher\": {\"id\"}, \"mapping\", \"alignment\", \"input\": {\"type\", \"path\"}}");
    }
    Problems problems = new Problems();
    String teacherId = request.teacher() == null ? null : request.teacher().id();
    if (teacherId == null || teacherId.isBlank()) {
      problems.add("/teacher/id", "name the teacher that labels (its id; GET /api/v1/teachers lists them)");
    }
    Optional<Version> mapping = problems.check("/mapping",
        () -> access.ref(ResourceKind.MAPPING, request.mapping(), "/mapping", team));
    Optional<Version> alignment = problems.check("/alignment",
        () -> access.ref(ResourceKind.ALIGNMENT, request.alignment(), "/alignment", team));
    Optional<BackfillPlan.InputFiles> input = input(request.input(), problems);
    int batchRows = setting(request.batchRows(), Backfill.DEFAULT_BATCH_ROWS, "/batchRows", MAX_BATCH_ROWS, problems);
    int shardRecords = setting(request.shardRecords(), Backfill.DEFAULT_SHARD_RECORDS, "/shardRecords",
        Integer.MAX_VALUE, problems);
    problems.throwIfAny();

    ServingTeacher.Lease lease = teachers.lease();
    try {
      if (!lease.id().equals(teacherId)) {
        problems.add("/teacher/id", "teacher '" + teacherId + "' does not serve; the serving teacher is '" + lease.id()
            + "' (" + lease.contentHash() + ")");
      }
      String hash = request.teacher().contentHash();
      if (hash != null && !hash.isBlank() && !hash.equals(lease.contentHash())) {
        problems.add("/teacher/contentHash", "version " + hash + " of teacher '" + teacherId
            + "' does not serve; the serving version is " + lease.contentHash());
      }
      TaskAlignmentSpec alignmentSpec = alignments.spec(alignment.get());
      TaskAligner.validateForApply(alignmentSpec, lease.signature()).errors().forEach(p -> problems.add("/alignment",
          "alignment " + alignment.get().ref() + " cannot be applied: " + p.pointer() + ": " + p.message()));
      checkRecords(input.get(), labels.targetSchema(mapping.get()), problems);
      problems.throwIfAny();
      // the mapping as the serving version labels with it (the online labels' own rule), 409 when it cannot
      LabelPath path = labels.path(mapping.get(), alignment.get(), lease);
      BackfillRequest resolved = new BackfillRequest(new BackfillRequest.TeacherRef(lease.id(), lease.contentHash()),
          mapping.get().ref(), alignment.get().ref(), input.get().request(), batchRows, shardRecords,
          request.seed() == null ? 0L : request.seed());
      return new BackfillPlan(resolved, path, lease, new Backfill.Options(batchRows, shardRecords), input.get());
    } catch (RuntimeException | Error e) {
      lease.close();
      throw e;
    }
  }

  private Optional<BackfillPlan.InputFiles> input(BackfillRequest.Input input, Problems problems) {
    if (input == null) {
      problems.add("/input", "name the input: {\"type\": \"avro\" | \"ratings\", \"path\": ...}");
      return Optional.empty();
    }
    // exactly one of the names: a type with other characters (spaces, line separators) is no type
    String type = input.type() == null ? "" : input.type();
    if (type.equals(BackfillRequest.KAFKA)) {
      return kafkaInput(input, problems);
    }
    if (input.topic() != null || input.ranges() != null) {
      problems.add("/input/topic", "only kafka inputs name a topic and ranges");
    }
    if (!type.equals(BackfillRequest.AVRO) && !type.equals(BackfillRequest.RATINGS)) {
      problems.add("/input/type", "'" + input.type() + "' is not an input type: avro (Avro container files), "
          + "ratings (a ratings TSV layout directory) or kafka (offset ranges of a topic)");
    }
    int before = problems.size();
    Optional<Split> split = Optional.empty();
    if (type.equals(BackfillRequest.RATINGS)) {
      split = split(input.split(), problems);
    } else if (input.split() != null) {
      problems.add("/input/split", "only ratings inputs have splits");
    }
    Optional<Path> path = problems.check("/input/path",
        () -> ConfinedPaths.confine(dataRoot, "the backfill data root", input.path(), "/input/path"));
    if (path.isEmpty() || problems.size() > before) {
      return Optional.empty();
    }
    String label = dataRoot.relativize(path.get()).toString();
    if (type.equals(BackfillRequest.AVRO)) {
      List<Path> files = avroFiles(path.get(), problems);
      return files.isEmpty() ? Optional.empty() : Optional.of(BackfillPlan.InputFiles.avro(path.get(), label, files));
    }
    if (!Files.isDirectory(path.get())) {
      problems.add("/input/path", "'" + input.path() + "' is not a directory (a ratings layout directory is expected)");
      return Optional.empty();
    }
    AmazonRatingsLoader.layoutProblems(path.get()).forEach(p -> problems.add("/input/path", p));
    return problems.size() > before ? Optional.empty()
        : Optional.of(BackfillPlan.InputFiles.ratings(path.get(), label, split.orElseThrow()));
  }

  /** A topic range on the label stream's cluster; every range checked, the broker asked when the job opens it. */
  private Optional<BackfillPlan.InputFiles> kafkaInput(BackfillRequest.Input input, Problems problems) {
    int before = problems.size();
    if (kafka.isEmpty()) {
      problems.add("/input/type", "no Kafka cluster is configured: set crossdistill.stream.bootstrap-servers (kafka "
          + "inputs read from the label stream's cluster)");
    }
    if (input.path() != null || input.split() != null) {
      problems.add("/input/path", "a kafka input names a topic and ranges, not a path or split");
    }
    if (input.topic() == null || input.topic().isBlank()) {
      problems.add("/input/topic", "name the topic of target records");
    } else if (!input.topic().matches("[A-Za-z0-9._-]{1,249}")) {
      problems.add("/input/topic", "'" + input.topic() + "' is not a Kafka topic name: 1 to 249 of the letters a-z, "
          + "A-Z, digits, '.', '_' and '-'");
    }
    List<KafkaRecordSource.Range> ranges = new ArrayList<>();
    if (input.ranges() == null || input.ranges().isEmpty()) {
      problems.add("/input/ranges", "name at least one range: [{\"partition\": 0, \"from\": 0, \"to\": 1000}]");
    } else {
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i = 0; i < input.ranges().size(); i++) {
        BackfillRequest.Range r = input.ranges().get(i);
        String at = "/input/ranges/" + i;
        if (r == null || r.partition() == null || r.from() == null || r.to() == null) {
          problems.add(at, "write {\"partition\", \"from\", \"to\"}");
          continue;
        }
        if (r.partition() < 0) {
          problems.add(at + "/partition", "must be at least 0, got " + r.partition());
        } else if (!seen.add(r.partition())) {
          problems.add(at + "/partition", "partition " + r.partition() + " is listed twice");
        }
        if (r.from() < 0) {
          problems.add(at + "/from", "must be at least 0, got " + r.from());
        }
        if (r.to() < r.from()) {
          problems.add(at + "/to", "must be at least from (" + r.from() + "), got " + r.to());
        }
        if (problems.size() == before) {
          ranges.add(new KafkaRecordSource.Range(r.partition(), r.from(), r.to()));
        }
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(BackfillPlan.InputFiles.kafka(new BackfillPlan.InputFiles.KafkaInput(kafka.get(),
        kafkaProperties, input.topic(), List.copyOf(ranges))));
  }

  private static Optional<Split> split(String name, Problems problems) {
    if (name == null || name.isBlank()) {
      return Optional.of(Split.TARGET_TRAIN);
    }
    String wanted = name.replace('-', '_').toUpperCase(Locale.ROOT);
    for (Split split : Split.values()) {
      if (split.name().equals(wanted)) {
        return Optional.of(split);
      }
    }
    problems.add("/input/split", "'" + name + "' is not a split: " + Stream.of(Split.values())
        .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    return Optional.empty();
  }

  /** The Avro files a job reads, each confined to the data root (a link in a directory may not lead out). */
  private List<Path> avroFiles(Path path, Problems problems) {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    int before = problems.size();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(path)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList()) {
        String pointer = "/input/path";
        problems.check(pointer, () -> ConfinedPaths.confine(dataRoot, "the backfill data root", file.toString(), pointer))
            .filter(Files::isRegularFile).ifPresent(files::add);
      }
    } catch (IOException e) {
      problems.add("/input/path", "cannot list '" + dataRoot.relativize(path) + "': " + e.getMessage());
      return List.of();
    }
    if (files.isEmpty() && problems.size() == before) {
      problems.add("/input/path", "'" + dataRoot.relativize(path) + "' holds no .avro files");
    }
    return problems.size() > before ? List.of() : files;
  }

  /** Every input file's records must be readable as the mapping's target schema. */
  private void checkRecords(BackfillPlan.InputFiles input, Schema target, Problems problems) {
    if (input.kafka()) {
      return; // read as they come: a value that is no record of the target schema becomes a dead letter
    }
    if (input.ratings()) {
      BackfillPlan.ratingsSchemaProblem(target).ifPresent(p -> problems.add("/input/type", p));
      return;
    }
    for (Path file : input.files()) {
      String name = dataRoot.relativize(file).toString();
      try (InputStream in = Files.newInputStream(file);
          DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(target, stream.getSchema());
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
          problems.add("/input/path", "'" + name + "' holds " + stream.getSchema().getFullName()
              + " records that cannot be read as the mapping's " + target.getFullName() + ": "
              + compatibility.getResult().getIncompatibilities().stream().map(i -> i.getMessage()).toList());
        }
      } catch (IOException e) {
        problems.add("/input/path", "'" + name + "' is not an Avro container file: " + e.getMessage());
      }
    }
  }

  private static int setting(Integer value, int defaultValue, String pointer, int max, Problems problems) {
    if (value == null) {
      return defaultValue;
    }
    if (value < 1 || value > max) {
      problems.add(pointer, "must be in [1, " + max + "], got " + value);
    }
    return value;
  }

  /** Problems found so far; the answer is 403 when one of them is about access or confinement. */
  private static final class Problems {
    private final List<Problem> items = new ArrayList<>();
    private boolean forbidden;

    void add(String pointer, String message) {
      items.add(new Problem(pointer, message));
    }

    int size() {
      return items.size();
    }

    /** Runs a check of the service layer; what it refuses joins the problems (at {@code pointer} if it names none). */
    <T> Optional<T> check(String pointer, Supplier<T> check) {
      try {
        return Optional.of(check.get());
      } catch (ServiceException e) {
        forbidden |= e instanceof Forbidden;
        if (e.errors().isEmpty()) {
          add(pointer, e.getMessage());
        } else {
          items.addAll(e.errors());
        }
        return Optional.empty();
      }
    }

    void throwIfAny() {
      if (items.isEmpty()) {
        return;
      }
      String detail = items.size() + " problem(s) in the backfill request";
      throw forbidden ? new Forbidden(detail, items) : new Invalid(detail, items);
    }
  }
}
