package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills with a real DJL teacher over a real Avro file of 1,000 examples (some the mapping refuses) into
 * label stores on disk, in shards of 50 records and forward passes of 16 rows (20 shards, 4 passes each):
 * counts, provenance, equality with a direct labeller pass, the same bytes under another store root,
 * reuse, cancellation and an unwritable store, each resumed to the bytes of an uninterrupted run.
 */
class BackfillTest {

  private static final int RECORDS = 1_000;
  private static final Backfill.Options OPTIONS = new Backfill.Options(16, 50);

  @TempDir
  static Path dir;
  private static Path input;
  private static long refused;
  private static Teacher teacher;
  private static TeacherSignature sealed;
  private static LabelPath path;
  /** An uninterrupted backfill into its own store, the bytes every other run must give. */
  private static Backfill.Outcome reference;

  @BeforeAll
  static void writeTeacherInputAndReference() throws ModelException {
    sealed = TinyTeacherArtifact.write(dir.resolve("teacher"), 11);
    teacher = Teacher.open(dir.resolve("teacher"));
    path = TinyTeacherArtifact.path(sealed);
    input = dir.resolve("examples.avro");
    refused = ExampleFiles.write(input, RECORDS, 3);
    reference = backfill(dir.resolve("reference-store"), new Backfill.Listener() { }, () -> false);
  }

  @AfterAll
  static void closeTeacher() {
    teacher.close();
  }

  private static Backfill.Outcome backfill(Path storeRoot, Backfill.Listener listener, BooleanSupplier cancelled) {
    try (RecordSource source = RecordSources.avroFiles(input, "examples.avro", Example.getClassSchema())) {
      return Backfill.run(new LabelStore(storeRoot), path, source, TeacherForward.of(teacher), TinyTeacherArtifact.RUN,
          OPTIONS, listener, cancelled);
    }
  }

  private static String inputHash() {
    try (RecordSource source = RecordSources.avroFiles(input, "examples.avro", Example.getClassSchema())) {
      return source.inputHash();
    }
  }

  @Test
  void backfill_overAnAvroFile_countsEveryInputRecordAsALabelOrADeadLetter() {
    LabelSetManifest manifest = reference.set().manifest();

    assertThat(reference.reused()).isFalse();
    assertThat(reference.cancelled()).isFalse();
    assertThat(refused).isPositive();
    assertThat(manifest.counts()).isEqualTo(new LabelSetManifest.Counts(RECORDS, RECORDS - refused, refused));
    assertThat(manifest.shards()).hasSize(RECORDS / 50).allSatisfy(shard -> {
      assertThat(shard.input()).isEqualTo(50);
      assertThat(shard.labelCount() + shard.deadLetterCount()).isEqualTo(shard.input());
    });
    assertThat(manifest.shards().stream().mapToLong(LabelSetManifest.Shard::firstInput).toArray())
        .containsExactly(java.util.stream.LongStream.range(0, RECORDS / 50).map(s -> s * 50).toArray());
    assertThat(manifest.cost().teacherSeconds()).isPositive();
    assertThat(manifest.cost().runs()).isEqualTo(1);
    assertThat(reference.set().verify()).isEmpty();
    assertThat(LabelSetFiles.names(reference.set().dir())).doesNotContain(LabelSetWriter.CHECKPOINT)
        .noneMatch(name -> name.endsWith(".partial") || name.endsWith(".tmp"));

    List<DeadLetter> dead = new ArrayList<>();
    reference.set().forEachDeadLetter(dead::add);
    List<String> refusedIds = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      if (ExampleFiles.refused(i)) {
        refusedIds.add(ExampleFiles.id(i));
      }
    }
    assertThat(dead).extracting(DeadLetter::getRecordId).containsExactlyElementsOf(refusedIds);
    assertThat(dead).allSatisfy(letter -> {
      assertThat(letter.getStage()).isEqualTo(DeadLetters.STAGE_MAP);
      assertThat(letter.getErrors()).isNotEmpty().anyMatch(error -> error.contains("plays"));
      assertThat(letter.getPayload().remaining()).isPositive();
    });
  }

  @Test
  void backfill_labels_carryTheTeacherMappingAlignmentRunAndInputProvenance() {
    String inputHash = inputHash();
    List<AlignedLabel> labels = new ArrayList<>();
    reference.set().forEachLabel(labels::add);

    assertThat(labels).hasSize((int) (RECORDS - refused));
    assertThat(labels).allSatisfy(label -> {
      Provenance p = label.getProvenance();
      assertThat(p.getTeacherId()).isEqualTo("tiny");
      assertThat(p.getTeacherHash()).isEqualTo(sealed.getContentHash()).isEqualTo(teacher.contentHash()).hasSize(64);
      assertThat(p.getMappingName()).isEqualTo("music-to-tiny");
      assertThat(p.getMappingVersion()).isEqualTo(3);
      assertThat(p.getAlignmentName()).isEqualTo("music-tiny");
      assertThat(p.getAlignmentVersion()).isEqualTo(2);
      assertThat(p.getSeed()).isEqualTo(7);
      assertThat(p.getHyperParameters()).containsExactlyInAnyOrderEntriesOf(TinyTeacherArtifact.RUN.hyperParameters());
      assertThat(p.getInputDataHash()).isEqualTo(inputHash).hasSize(64);
      assertThat(p.getProducer()).isEqualTo("crossdistill-labelling-test");
    });
    assertThat(reference.set().provenance()).contains(labels.get(0).getProvenance());
    assertThat(reference.key().teacherHash()).isEqualTo(sealed.getContentHash());
    assertThat(reference.key().mapping()).isEqualTo("music-to-tiny@3");
    assertThat(reference.key().alignment()).isEqualTo("music-tiny@2");
  }

  @Test
  void backfill_labels_equalADirectLabellerPassOverTheSameRecords() {
    // the labeller, fed the records in the backfill's forward batches (16, 16, 16, 2 per shard of 50)
    List<AlignedLabel> direct = new ArrayList<>();
    List<DeadLetter> directDead = new ArrayList<>();
    LabelSink sink = new LabelSink() {
      @Override
      public void accept(int index, AlignedLabel label) {
        direct.add(label);
      }

      @Override
      public void reject(int index, DeadLetter deadLetter) {
        directDead.add(deadLetter);
      }
    };
    Labeller labeller = path.labeller(OPTIONS.batchRows());
    RunStamp stamp = TinyTeacherArtifact.RUN.withInput(inputHash());
    List<Example> batch = new ArrayList<>();
    int inShard = 0;
    try (ContainerReader<Example> in = AvroContainers.reader(input, Example.class)) {
      for (Example example : in) {
        batch.add(example);
        inShard++;
        if (batch.size() == OPTIONS.batchRows() || inShard == OPTIONS.shardRecords()) {
          labeller.label(batch, TeacherForward.of(teacher), stamp, sink);
          batch.clear();
          inShard %= OPTIONS.shardRecords();
        }
      }
    }
    if (!batch.isEmpty()) {
      labeller.label(batch, TeacherForward.of(teacher), stamp, sink);
    }
    List<AlignedLabel> stored = new ArrayList<>();
    reference.set().forEachLabel(stored::add);
    List<DeadLetter> storedDead = new ArrayList<>();
    reference.set().forEachDeadLetter(storedDead::add);
    List<String[]> rows = new ArrayList<>();
    reference.set().forEachRow((id, values) -> rows.add(new String[] {id, values[0] + "/" + values[1]}));

    assertThat(stored).hasSize(direct.size()).isEqualTo(direct);
    assertThat(storedDead).isEqualTo(directDead);
    assertThat(rows).extracting(r -> r[0]).containsExactlyElementsOf(direct.stream().map(l -> l.getExampleId()
        .toString()).toList());
    assertThat(rows).extracting(r -> r[1]).containsExactlyElementsOf(direct.stream()
        .map(l -> l.getLabels().get(0).getValue() + "/" + l.getLabels().get(1).getValue()).toList());
    // a trained teacher's labels vary with the input: not one constant answer written 980 times
    assertThat(direct.stream().map(l -> l.getLabels().get(0).getValue()).distinct().count()).isGreaterThan(10);
  }

  @Test
  void backfill_intoAnotherStoreRoot_writesTheSameBytes(@TempDir Path tmp) {
    Backfill.Outcome elsewhere = backfill(tmp.resolve("some/other/place/labels"), new Backfill.Listener() { },
        () -> false);

    assertThat(elsewhere.key()).isEqualTo(reference.key());
    assertThat(elsewhere.set().dir()).isNotEqualTo(reference.set().dir());
    LabelSetFiles.assertSameSet(reference.set().dir(), elsewhere.set().dir());
    assertThat(elsewhere.set().manifest().labelSetHash()).isEqualTo(reference.set().manifest().labelSetHash());
  }

  @Test
  void backfill_resubmitted_returnsTheExistingSetAndCountsTheTeacherTimeSaved(@TempDir Path tmp) {
    Path root = tmp.resolve("store");
    Backfill.Outcome first = backfill(root, new Backfill.Listener() { }, () -> false);
    List<String> hashes = first.set().manifest().shards().stream().map(LabelSetManifest.Shard::labelsSha256).toList();
    AtomicInteger progress = new AtomicInteger();
    Backfill.Listener counting = new Backfill.Listener() {
      @Override
      public void progress(long done, OptionalLong total, long labels, long deadLetters) {
        progress.incrementAndGet();
      }
    };

    Backfill.Outcome again = backfill(root, counting, () -> false);

    assertThat(again.reused()).isTrue();
    assertThat(again.key().id()).isEqualTo(first.key().id());
    assertThat(again.set().dir()).isEqualTo(first.set().dir());
    assertThat(progress).hasValue(0);
    LabelSetManifest manifest = LabelSetManifest.read(first.set().dir());
    assertThat(manifest.cost().teacherSeconds()).isPositive();
    assertThat(manifest.reuse().requests()).isEqualTo(1);
    assertThat(manifest.reuse().teacherSecondsSaved()).isPositive().isEqualTo(manifest.cost().teacherSeconds());
    assertThat(manifest.shards().stream().map(LabelSetManifest.Shard::labelsSha256).toList()).isEqualTo(hashes);
    assertThat(StoredLabelSet.open(first.set().dir()).verify()).isEmpty();

    backfill(root, counting, () -> false);
    assertThat(LabelSetManifest.read(first.set().dir()).reuse().requests()).isEqualTo(2);
  }

  @Test
  void backfill_cancelledAfterTenBatches_leavesACheckpointAndNoManifest_andTheRerunWritesTheSameBytes(
      @TempDir Path tmp) {
    Path root = tmp.resolve("store");
    AtomicInteger polls = new AtomicInteger();

    // polled before each forward batch: 10 batches run (2 shards of 4 and 2 of the third), the 11th poll stops it
    Backfill.Outcome cancelled = backfill(root, new Backfill.Listener() { }, () -> polls.incrementAndGet() > 10);

    Path setDir = root.resolve(reference.key().id());
    assertThat(cancelled.cancelled()).isTrue();
    assertThat(cancelled.set()).isNull();
    assertThat(cancelled.done()).isEqualTo(2 * 50 + 2 * 16);
    assertThat(setDir.resolve(LabelSetManifest.FILE)).doesNotExist();
    assertThat(setDir.resolve(LabelSetWriter.CHECKPOINT)).isRegularFile();
    assertThat(LabelSetFiles.names(setDir)).filteredOn(name -> name.startsWith("labels-"))
        .containsExactly("labels-00000.avro", "labels-00001.avro");
    assertThat(new LabelStore(root).find(reference.key())).isEmpty();

    Backfill.Outcome rerun = backfill(root, new Backfill.Listener() { }, () -> false);

    assertThat(rerun.cancelled()).isFalse();
    assertThat(rerun.reused()).isFalse();
    assertThat(rerun.resumedFrom()).isEqualTo(100);
    assertThat(rerun.set().manifest().cost().runs()).isEqualTo(2);
    LabelSetFiles.assertSameSet(reference.set().dir(), rerun.set().dir());
  }

  @Test
  void backfill_storeRootUnderARegularFile_failsNamingTheDirectory_andRunsOnceThePathIsFixed(@TempDir Path tmp)
      throws IOException {
    Path blocker = Files.writeString(tmp.resolve("mounted-volume"), "a regular file where a directory should be");
    Path root = blocker.resolve("labels");
    Path setDir = root.resolve(reference.key().id());

    assertThatThrownBy(() -> backfill(root, new Backfill.Listener() { }, () -> false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot create the label set directory " + setDir);

    Files.delete(blocker);
    Backfill.Outcome fixed = backfill(root, new Backfill.Listener() { }, () -> false);

    assertThat(fixed.resumedFrom()).isZero();
    LabelSetFiles.assertSameSet(reference.set().dir(), fixed.set().dir());
  }

  @Test
  void backfill_setDirectoryUnwritableAfterTwoShards_failsNamingIt_andResumesOnceWritable(@TempDir Path tmp) {
    Path root = tmp.resolve("store");
    Path setDir = root.resolve(reference.key().id());
    Unwritable unwritable = new Unwritable(setDir, tmp.resolve("aside"));
    Backfill.Listener breaksAfterTwoShards = new Backfill.Listener() {
      @Override
      public void progress(long done, OptionalLong total, long labels, long deadLetters) {
        if (done == 2 * 50) {
          unwritable.apply();
        }
      }
    };

    assertThatThrownBy(() -> backfill(root, breaksAfterTwoShards, () -> false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(setDir.toString())
        .hasMessageContaining("shard 00002");

    unwritable.undo();
    assertThat(setDir.resolve(LabelSetWriter.CHECKPOINT)).isRegularFile();
    assertThat(setDir.resolve(LabelSetManifest.FILE)).doesNotExist();
    Backfill.Outcome resumed = backfill(root, new Backfill.Listener() { }, () -> false);

    assertThat(resumed.resumedFrom()).isEqualTo(100);
    assertThat(resumed.set().manifest().cost().runs()).isEqualTo(2);
    LabelSetFiles.assertSameSet(reference.set().dir(), resumed.set().dir());
  }

  /**
   * Makes a directory unwritable and writable again: read-only permissions where they bind; for a user
   * they do not bind (root), the directory is moved aside and a regular file takes its place, which no user
   * can create files under.
   */
  private static final class Unwritable {

    private final Path dir;
    private final Path aside;
    private Set<PosixFilePermission> before;
    private boolean moved;

    Unwritable(Path dir, Path aside) {
      this.dir = dir;
      this.aside = aside;
    }

    void apply() {
      try {
        before = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(dir)) {
          Files.setPosixFilePermissions(dir, before);
          before = null;
          Files.move(dir, aside);
          Files.writeString(dir, "not a directory");
          moved = true;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void undo() {
      try {
        if (moved) {
          Files.delete(dir);
          Files.move(aside, dir);
        } else {
          Files.setPosixFilePermissions(dir, before);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
