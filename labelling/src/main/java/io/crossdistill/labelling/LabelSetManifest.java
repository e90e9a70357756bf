package io.crossdistill.labelling;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of a stored label set ({@code manifest.json}, written last and atomically: a set without
 * one is incomplete). Everything but {@link #cost} and {@link #reuse} is a function of the set's key and
 * input, so it is the same for every run that makes the set, resumed or not, wherever it is written.
 *
 * @param format {@link #FORMAT}
 * @param id the key's id, also the set's directory name
 * @param key what names the set
 * @param input what was labelled, in words (no machine paths)
 * @param columns the aligned columns of every label, in value order
 * @param provenance the provenance every label of the set carries
 * @param counts {@code input = labels + deadLetters}
 * @param shards the shard files, in input order
 * @param labelSetHash SHA-256 over the shard hashes, in order: equal sets have equal hashes
 * @param coverage coverage and drift of the mapped input (over its first records)
 * @param cost what making the set took, over every run that worked on it
 * @param reuse how often the set was asked for again instead of being made again
 */
public record LabelSetManifest(String format, String id, LabelSetKey key, String input, List<Column> columns,
    Stamp provenance, Counts counts, List<Shard> shards, String labelSetHash, Coverage coverage, Cost cost,
    Reuse reuse) {

  /** Format name of this layout. */
  public static final String FORMAT = "crossdistill-label-set/1";
  /** File name of the manifest in a set's directory. */
  public static final String FILE = "manifest.json";

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** One aligned column, as the students read it. */
  public record Column(String name, String kind, boolean serving, String space, double weight, String loss,
      double temperature, String source) {

    static Column of(AlignedTask task) {
      return new Column(task.name(), task.kind().name(), task.serving(), task.space().name(), task.weight(),
          task.loss().name(), task.temperature(), task.source());
    }

    AlignedTask toTask(int column) {
      return new AlignedTask(column, name, TaskKind.valueOf(kind), serving, LabelSpace.valueOf(space), weight,
          DistillationLoss.valueOf(loss), temperature, source);
    }
  }

  /** The labels' provenance. */
  public record Stamp(String teacherId, String teacherHash, String mappingName, Integer mappingVersion,
      String alignmentName, Integer alignmentVersion, Map<String, String> hyperParameters, long seed,
      String inputDataHash, String producer) {

    static Stamp of(Provenance p) {
      return new Stamp(p.getTeacherId(), p.getTeacherHash(), p.getMappingName(), p.getMappingVersion(),
          p.getAlignmentName(), p.getAlignmentVersion(), new TreeMap<>(p.getHyperParameters()), p.getSeed(),
          p.getInputDataHash(), p.getProducer());
    }

    /** The provenance record. */
    public Provenance toProvenance() {
      return Provenance.newBuilder().setTeacherId(teacherId).setTeacherHash(teacherHash).setMappingName(mappingName)
          .setMappingVersion(mappingVersion).setAlignmentName(alignmentName).setAlignmentVersion(alignmentVersion)
          .setHyperParameters(new TreeMap<>(hyperParameters)).setSeed(seed).setInputDataHash(inputDataHash)
          .setProducer(producer).build();
    }
  }

  /** Record counts; {@code input = labels + deadLetters}. */
  public record Counts(long input, long labels, long deadLetters) {
  }

  /**
   * One shard: a contiguous range of input records, its labels and its dead letters.
   *
   * @param labels file name of the labels (Avro container of {@code AlignedLabel})
   * @param deadLetters file name of the dead letters (Avro container of {@code DeadLetter})
   * @param firstInput position of the shard's first input record
   * @param input input records the shard covers
   * @param labelCount labels in it
   * @param deadLetterCount dead letters in it
   * @param labelsSha256 content hash of the label file
   * @param deadLettersSha256 content hash of the dead-letter file
   */
  public record Shard(String labels, String deadLetters, long firstInput, long input, long labelCount,
      long deadLetterCount, String labelsSha256, String deadLettersSha256) {
  }

  /** Coverage and drift of the mapped input over its first {@code sampleRecords} records. */
  public record Coverage(long sampleRecords, long mapped, long rejected, List<InputDrift> inputs) {

    static Coverage of(CoverageReport report) {
      List<InputDrift> inputs = new ArrayList<>();
      for (CoverageReport.InputCoverage input : report.inputs()) {
        inputs.add(new InputDrift(input.input(), input.rule(), input.defaultedFraction(),
            input.drift().map(CoverageReport.Drift::psi).orElse(null),
            input.drift().map(CoverageReport.Drift::ks).orElse(null), input.flagged()));
      }
      return new Coverage(report.records(), report.mapped(), report.rejected(), inputs);
    }
  }

  /** One teacher input: how often it was defaulted, how far its mapped values drift. */
  public record InputDrift(String input, String rule, double defaultedFraction, Double psi, Double ks,
      boolean flagged) {
  }

  /**
   * What making the set cost.
   *
   * @param teacherSeconds time in teacher forward passes, summed over every run that worked on the set
   * @param wallSeconds wall time of those runs
   * @param runs runs that worked on it (1 + resumes)
   */
  public record Cost(double teacherSeconds, double wallSeconds, int runs) {
  }

  /**
   * Jobs that asked for the set again and got it without labelling.
   *
   * @param requests how many
   * @param teacherSecondsSaved teacher time they did not spend ({@code requests × cost.teacherSeconds})
   */
  public record Reuse(long requests, double teacherSecondsSaved) {
  }

  /** The aligned columns as the student library reads them. */
  public List<AlignedTask> alignedColumns() {
    List<AlignedTask> tasks = new ArrayList<>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      tasks.add(columns.get(c).toTask(c));
    }
    return tasks;
  }

  /** This manifest after one more reuse. */
  LabelSetManifest reused() {
    return new LabelSetManifest(format, id, key, input, columns, provenance, counts, shards, labelSetHash, coverage,
        cost, new Reuse(reuse.requests() + 1, (reuse.requests() + 1) * cost.teacherSeconds()));
  }

  /** Reads {@code dir/manifest.json}. */
  public static LabelSetManifest read(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      LabelSetManifest manifest = JSON.readValue(Files.readAllBytes(file), LabelSetManifest.class);
      if (!FORMAT.equals(manifest.format())) {
        throw new IllegalStateException(file + " has format " + manifest.format() + ", expected " + FORMAT);
      }
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the label set manifest " + file + ": " + e.getMessage(), e);
    }
  }

  byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
