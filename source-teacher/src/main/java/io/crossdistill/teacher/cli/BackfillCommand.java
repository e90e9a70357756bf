package io.crossdistill.teacher.cli;

import io.crossdistill.aligner.AlignmentException;
import io.crossdistill.aligner.AlignmentJson;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.labelling.LabelStore;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.labelling.RecordSources;
import io.crossdistill.labelling.TeacherForward;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingJson;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.teacher.backfill.BackfillPlan;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backfill}: the service's backfill job without a server. Labels Avro files (or one split of a
 * ratings TSV directory) with a teacher artifact, a mapping spec and a fitted alignment spec into a label
 * set of a label store, through labelling's {@link Backfill} as the service does: resumable (Ctrl-C or a
 * kill leaves a checkpoint; the same command again resumes), idempotent (a set that exists is reused),
 * and the same bytes as the service's job on the same input. Exit 0 when the set is complete, 1 on a
 * failure or an interrupted run, 2 on bad usage (every problem listed).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Label Avro files (--input) or a ratings TSV split (--ratings) with a teacher, a mapping and a "
        + "fitted alignment into a label set of a label store (--store), as the service's backfill jobs do. "
        + "Interrupted, it leaves a checkpoint, and the same command again resumes; a set that exists is reused.")
public final class BackfillCommand implements Callable<Integer> {

  @Option(names = "--teacher", paramLabel = "DIR", description = "teacher artifact directory")
  Path teacher;

  @Option(names = "--mapping", paramLabel = "FILE", description = "feature mapping spec (JSON)")
  Path mapping;

  @Option(names = "--alignment", paramLabel = "FILE", description = "fitted task alignment spec (JSON)")
  Path alignment;

  @Option(names = "--schema", paramLabel = "FILE",
      description = "target Avro schema (.avsc) the mapping reads; default: the project's Example schema")
  Path schema;

  @Option(names = "--input", paramLabel = "PATH", description = "an Avro container file or a directory of .avro files")
  Path input;

  @Option(names = "--ratings", paramLabel = "DIR", description = "a directory in the ratings TSV layout")
  Path ratings;

  @Option(names = "--split", defaultValue = "target_train", description = "split of --ratings (default ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--store", paramLabel = "DIR", defaultValue = "crossdistill-out/label-sets",
      description = "label store root (default ${DEFAULT-VALUE})")
  Path store;

  @Option(names = "--batch-rows", defaultValue = "512", description = "rows per teacher forward pass (default ${DEFAULT-VALUE})")
  int batchRows;

  @Option(names = "--shard-records", defaultValue = "100000",
      description = "input records per shard and checkpoint (default ${DEFAULT-VALUE})")
  int shardRecords;

  @Option(names = "--seed", defaultValue = "0", description = "seed stamped in the labels' provenance (default ${DEFAULT-VALUE})")
  long seed;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    List<String> problems = usageProblems();
    Optional<Schema> target = problems.isEmpty() ? targetSchema(problems) : Optional.empty();
    Optional<FeatureMappingSpec> mappingSpec = problems.isEmpty() ? mappingSpec(problems) : Optional.empty();
    Optional<TaskAlignmentSpec> alignmentSpec = problems.isEmpty() ? alignmentSpec(problems) : Optional.empty();
    if (!problems.isEmpty()) {
      return usage(problems);
    }
    try (Teacher model = Teacher.open(teacher)) {
      TeacherSignature signature = model.signature();
      FeatureMappingSpec forTeacher = forTeacher(mappingSpec.get(), signature);
      FeatureMapping.validate(forTeacher, signature, target.get()).errors().forEach(p ->
          problems.add("--mapping " + p.pointer() + ": " + p.message()));
      TaskAligner.validateForApply(alignmentSpec.get(), signature).errors().forEach(p ->
          problems.add("--alignment " + p.pointer() + ": " + p.message()));
      if (ratings != null) {
        BackfillPlan.ratingsSchemaProblem(target.get()).ifPresent(p -> problems.add("--ratings: " + p));
      }
      if (!problems.isEmpty()) {
        return usage(problems);
      }
      LabelPath path = LabelPath.compile(forTeacher, target.get(), alignmentSpec.get(), signature);
      return run(path, TeacherForward.of(model));
    } catch (ModelException e) {
      return usage(List.of("--teacher: " + e.getMessage()));
    }
  }

  private int run(LabelPath path, TeacherForward forward) {
    PrintWriter out = spec.commandLine().getOut();
    Path work = null;
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C or a kill: stop before the next batch; what is committed stays, the same command resumes
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        stopped.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "backfill-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (ratings != null) {
        work = Files.createTempDirectory("crossdistill-backfill");
      }
      Backfill.Outcome outcome;
      try (RecordSource source = source(path, work);
          BackfillProgress progress = new BackfillProgress(spec.commandLine().getErr())) {
        outcome = Backfill.run(new LabelStore(store), path, source, forward, BackfillPlan.stamp(seed),
            new Backfill.Options(batchRows, shardRecords), progress, stop::get);
      }
      return report(outcome, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for the ratings: " + e.getMessage(), e);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs and returns at once
      }
      delete(work);
    }
  }

  /**
   * A mapping that names only its teacher id is meant for the version at hand (as the service reads it when
   * it is registered); one that names a content hash must name this teacher's.
   */
  private static FeatureMappingSpec forTeacher(FeatureMappingSpec spec, TeacherSignature signature) {
    if (!spec.teacher().contentHash().isEmpty() || !spec.teacher().id().equals(signature.getTeacherId())) {
      return spec;
    }
    return new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(),
        new FeatureMappingSpec.TeacherRef(spec.teacher().id(), signature.getContentHash()), spec.recordIdField(),
        spec.rules());
  }

  private RecordSource source(LabelPath path, Path work) {
    if (ratings != null) {
      return RecordSources.ratings(ratings, parseSplit(split).orElseThrow(), work, ratings.getFileName().toString());
    }
    return RecordSources.avroFiles(input, input.getFileName().toString(), path.targetSchema());
  }

  private static int report(Backfill.Outcome outcome, PrintWriter out) {
    if (outcome.cancelled()) {
      out.printf(Locale.ROOT, "interrupted at record %,d: the checkpoint keeps what was committed; run the same "
          + "command again to resume%n", outcome.done());
      out.flush();
      return 1;
    }
    LabelSetManifest manifest = outcome.set().manifest();
    LabelSetManifest.Counts counts = manifest.counts();
    out.printf(Locale.ROOT, "label set %s: %,d input records = %,d labels + %,d dead letters%n", manifest.id(),
        counts.input(), counts.labels(), counts.deadLetters());
    out.println("directory: " + outcome.set().dir());
    out.printf(Locale.ROOT, "teacher time: %.2f s (wall %.2f s over %d run(s))%n", manifest.cost().teacherSeconds(),
        manifest.cost().wallSeconds(), manifest.cost().runs());
    if (outcome.reused()) {
      out.printf(Locale.ROOT, "reused: the set existed, nothing was labelled (%.2f teacher seconds saved; asked for "
          + "%d time(s) again)%n", manifest.cost().teacherSeconds(), manifest.reuse().requests() + 1);
    } else if (outcome.resumedFrom() > 0) {
      out.printf(Locale.ROOT, "resumed at record %,d from the checkpoint of an earlier run%n", outcome.resumedFrom());
    }
    out.flush();
    return 0;
  }

  private List<String> usageProblems() {
    List<String> problems = new ArrayList<>();
    requireDirectory("--teacher", teacher, problems);
    requireFile("--mapping", mapping, problems);
    requireFile("--alignment", alignment, problems);
    if (schema != null) {
      requireFile("--schema", schema, problems);
    }
    if ((input == null) == (ratings == null)) {
      problems.add("name the input: --input PATH (Avro files) or --ratings DIR (a ratings TSV directory), one of them");
    } else if (input != null && !Files.exists(input)) {
      problems.add("--input: " + input + " does not exist");
    } else if (ratings != null) {
      requireDirectory("--ratings", ratings, problems);
      if (parseSplit(split).isEmpty()) {
        problems.add("--split: '" + split + "' is not a split: " + Stream.of(Split.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
      }
    }
    if (batchRows < 1) {
      problems.add("--batch-rows: must be at least 1, got " + batchRows);
    }
    if (shardRecords < 1) {
      problems.add("--shard-records: must be at least 1, got " + shardRecords);
    }
    return problems;
  }

  private Optional<Schema> targetSchema(List<String> problems) {
    if (schema == null) {
      return Optional.of(Example.getClassSchema());
    }
    try {
      return Optional.of(new Schema.Parser().parse(schema.toFile()));
    } catch (SchemaParseException | IOException e) {
      problems.add("--schema: not an Avro schema: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<FeatureMappingSpec> mappingSpec(List<String> problems) {
    try (InputStream in = Files.newInputStream(mapping)) {
      return Optional.of(MappingJson.read(in));
    } catch (MappingValidationException e) {
      e.errors().forEach(p -> problems.add("--mapping " + p.pointer() + ": " + p.message()));
    } catch (IOException e) {
      problems.add("--mapping: cannot read " + mapping + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<TaskAlignmentSpec> alignmentSpec(List<String> problems) {
    try {
      return Optional.of(AlignmentJson.read(Files.readString(alignment)));
    } catch (AlignmentException e) {
      e.problems().forEach(p -> problems.add("--alignment " + p.pointer() + ": " + p.message()));
    } catch (IOException e) {
      problems.add("--alignment: cannot read " + alignment + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private int usage(List<String> problems) {
    PrintWriter err = spec.commandLine().getErr();
    problems.forEach(p -> err.println("crossdistill backfill: " + p));
    err.println("(./crossdistill backfill --help lists the options)");
    err.flush();
    return 2;
  }

  private static Optional<Split> parseSplit(String name) {
    String wanted = name.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    return Stream.of(Split.values()).filter(s -> s.name().equals(wanted)).findFirst();
  }

  private static void requireFile(String option, Path file, List<String> problems) {
    if (file == null) {
      problems.add(option + " is required");
    } else if (!Files.isRegularFile(file)) {
      problems.add(option + ": " + file + " is not a file");
    }
  }

  private static void requireDirectory(String option, Path dir, List<String> problems) {
    if (dir == null) {
      problems.add(option + " is required");
    } else if (!Files.isDirectory(dir)) {
      problems.add(option + ": " + dir + " is not a directory");
    }
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the work directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
