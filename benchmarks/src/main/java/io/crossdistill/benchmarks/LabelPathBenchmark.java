package io.crossdistill.benchmarks;

import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.labelling.LabelStore;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.labelling.RecordSources;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.labelling.TeacherForward;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The label path's cost around the teacher (issue 12, item 9): (a) teacher-forward-only throughput (the
 * same mapped batches straight into {@code Teacher.predict}) against backfill throughput (Avro file →
 * label store, the whole job: input hash, decode, map, forward, align, write, commit) on the same data and
 * teacher, and their ratio (goal ≥ 0.85); (b) bytes allocated per record by the whole JVM during a backfill
 * (its read-ahead thread included; {@link AllocationMeter}), during the input's decoding alone and during
 * the forward pass alone; (c) peak heap of backfills over 1M and 5M records (100k and 500k with
 * {@code --quick}), whose input is streamed to disk first, with the live heap after a full GC at four points
 * of each: goal flat. One thread labels (the source decodes ahead on another); run it with one PyTorch
 * thread per pass, as the launcher does.
 *
 * <pre>java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Xms1g -Xmx1g -XX:+UseParallelGC \
 *     -cp benchmarks/target/benchmarks.jar io.crossdistill.benchmarks.LabelPathBenchmark [--quick]
 *     [--records N] [--rounds R] [--work DIR]</pre>
 */
public final class LabelPathBenchmark {

  private static final int BATCH_ROWS = Backfill.DEFAULT_BATCH_ROWS;
  private static final RunStamp RUN = new RunStamp(Map.of("batchRows", Integer.toString(BATCH_ROWS)), 1, "",
      "crossdistill-benchmarks");

  private LabelPathBenchmark() {
  }

  public static void main(String[] args) throws IOException, ModelException {
    boolean quick = false;
    long records = -1;
    int rounds = 3;
    Path work = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--records" -> records = Long.parseLong(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (known: --quick, --records N, --rounds R, --work DIR)");
      }
    }
    records = records > 0 ? records : quick ? 50_000 : 200_000;
    long[] heapSizes = quick ? new long[] {100_000, 500_000} : new long[] {1_000_000, 5_000_000};
    work = work != null ? Files.createDirectories(work) : Files.createTempDirectory("label-path-bench");
    System.out.printf(Locale.ROOT, "load average at start: %s; %d cores; max heap %d MB; work dir %s%n",
        TeacherServingBenchmark.loadAverage(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, work);
    System.out.printf(Locale.ROOT, "teacher: embeddings %d, trunk %s, 6 floats + 4 ids, 4 heads; batch %d rows;"
        + " PyTorch threads %s%n", LabelBenchData.EMBEDDING, LabelBenchData.WIDTHS, BATCH_ROWS,
        System.getProperty("ai.djl.pytorch.num_threads", "default"));

    Path teacherDir = work.resolve("teacher");
    var sealed = LabelBenchData.writeTeacher(teacherDir);
    LabelPath path = LabelBenchData.path(sealed);
    try (Teacher teacher = Teacher.open(teacherDir)) {
      Path input = work.resolve("throughput.avro");
      LabelBenchData.writeExamples(input, records, 7);
      List<TeacherInputBatch> batches = mappedBatches(path, input);
      TeacherForward forward = TeacherForward.of(teacher);
      // warm-up: JIT of every part, first-call costs of the engine
      forwardOnly(forward, batches.subList(0, Math.min(batches.size(), 40)));
      backfill(path, forward, input, work.resolve("warm-up"), false);

      readOnly(input);

      List<Measured> forwards = new ArrayList<>();
      List<Measured> reads = new ArrayList<>();
      List<Measured> backfills = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        forwards.add(forwardOnly(forward, batches));
        reads.add(readOnly(input));
        backfills.add(backfill(path, forward, input, work.resolve("round-" + round), false));
      }
      printThroughput(records, forwards, reads, backfills);

      System.out.printf(Locale.ROOT, "%nheap of a backfill (input streamed to disk first; peak used = sampled every"
          + " 10 ms; live = heap used after a full GC at 1/4, 1/2, 3/4 and all of the records; records/s include those"
          + " 4 GCs)%n%-12s %12s %14s %26s %12s %12s%n", "records", "records/s", "peak used MB", "live MB at 1/4 1/2 3/4 1",
          "old gen MB", "B/record");
      for (long size : heapSizes) {
        Path big = work.resolve("heap-" + size + ".avro");
        LabelBenchData.writeExamples(big, size, 11);
        Measured m = backfill(path, forward, big, work.resolve("heap-" + size), true);
        String live = String.join(" ", Arrays.stream(m.live).mapToObj(b -> String.format(Locale.ROOT, "%.1f", b / 1e6))
            .toList());
        System.out.printf(Locale.ROOT, "%,12d %,12.0f %,14.1f %26s %,12.1f %,12.0f%n", size, size / m.seconds,
            m.peakUsed / 1e6, live, m.peakOld / 1e6, (double) m.allocated / size);
        Files.delete(big);
      }
    }
    System.out.println("load average at end: " + TeacherServingBenchmark.loadAverage());
  }

  /**
   * One timed run: seconds, bytes the JVM allocated, teacher seconds, CPU time of the calling thread and of
   * the whole process (ns), heap peak, live heap at 4 points, old gen peak.
   */
  private record Measured(double seconds, long allocated, double teacherSeconds, long mainCpu, long processCpu,
      long peakUsed, long[] live, long peakOld) {
  }

  /** CPU time of the calling thread and of the process, in ns, from the start of a run. */
  private record Cpu(long main, long process) {

    static Cpu now() {
      return new Cpu(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(),
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime());
    }

    Cpu since(Cpu start) {
      return new Cpu(main - start.main, process - start.process);
    }
  }

  private static void printThroughput(long records, List<Measured> forwards, List<Measured> reads,
      List<Measured> backfills) {
    double forwardRate = records / median(forwards.stream().mapToDouble(Measured::seconds).toArray());
    double readRate = records / median(reads.stream().mapToDouble(Measured::seconds).toArray());
    double backfillRate = records / median(backfills.stream().mapToDouble(Measured::seconds).toArray());
    Measured f = forwards.get(forwards.size() - 1);
    Measured r = reads.get(reads.size() - 1);
    Measured b = backfills.get(backfills.size() - 1);
    System.out.printf(Locale.ROOT, "%nthroughput over %,d records, median of %d alternating rounds (forward %s |"
        + " read %s | backfill %s)%n", records, forwards.size(), rates(records, forwards), rates(records, reads),
        rates(records, backfills));
    System.out.printf(Locale.ROOT, "%-40s %12s %12s %12s %12s%n", "", "rows/s", "B alloc/row", "caller CPU µs",
        "all CPU µs");
    row("teacher forward only (Teacher.predict)", forwardRate, f, records);
    row("reading the input only (hash + decode)", readRate, r, records);
    row("backfill (Avro file -> label store)", backfillRate, b, records);
    System.out.printf(Locale.ROOT, "%-40s %12.3f   (goal >= 0.85; wall clock, as loaded as the machine was)%n",
        "ratio backfill / forward", backfillRate / forwardRate);
    double forwardCpu = median(forwards.stream().mapToDouble(m -> m.mainCpu).toArray());
    double backfillCpu = median(backfills.stream().mapToDouble(m -> m.mainCpu).toArray());
    System.out.printf(Locale.ROOT, "%-40s %12.3f   (forward CPU / the backfill caller's CPU: the ratio on an idle"
        + " machine, where read-ahead and writing run on the other core)%n", "ratio by CPU time", forwardCpu
        / backfillCpu);
    System.out.printf(Locale.ROOT, "%-40s %11.1f%%%n", "teacher time share of the backfill", 100 * median(backfills
        .stream().mapToDouble(m -> m.teacherSeconds / m.seconds).toArray()));
    System.out.printf(Locale.ROOT, "%-40s %,12.0f%n", "allocation beyond decode and forward, B", (double) (b.allocated
        - r.allocated - f.allocated) / records);
  }

  private static void row(String name, double rate, Measured m, long records) {
    System.out.printf(Locale.ROOT, "%-40s %,12.0f %,12.0f %12.2f %12.2f%n", name, rate, (double) m.allocated / records,
        m.mainCpu / 1e3 / records, m.processCpu / 1e3 / records);
  }

  private static String rates(long records, List<Measured> runs) {
    return String.join(" ", runs.stream().map(m -> String.format(Locale.ROOT, "%,.0f", records / m.seconds))
        .toList());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The input's records mapped into full batches of the label path's layout, as the backfill maps them. */
  private static List<TeacherInputBatch> mappedBatches(LabelPath path, Path input) {
    CompiledMapper mapper = FeatureMapping.compile(path.mapping(), path.teacher(), path.targetSchema());
    List<TeacherInputBatch> batches = new ArrayList<>();
    TeacherInputBatch batch = mapper.newBatch(BATCH_ROWS);
    try (ContainerReader<Example> in = AvroContainers.reader(input, Example.class)) {
      for (Example example : in) {
        if (!mapper.map(example, batch, bad -> {
          throw new IllegalStateException("the benchmark's input must map: " + bad.describe());
        })) {
          throw new IllegalStateException("record " + example.getId() + " did not map");
        }
        if (batch.isFull()) {
          batches.add(batch);
          batch = mapper.newBatch(BATCH_ROWS);
        }
      }
    }
    if (batch.size() > 0) {
      batches.add(batch);
    }
    return batches;
  }

  private static Measured forwardOnly(TeacherForward teacher, List<TeacherInputBatch> batches) {
    float[] out = new float[BATCH_ROWS * teacher.headCount()];
    try (AllocationMeter allocation = AllocationMeter.start()) {
      Cpu cpu = Cpu.now();
      long start = System.nanoTime();
      for (TeacherInputBatch batch : batches) {
        teacher.predict(batch, out);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Cpu used = Cpu.now().since(cpu);
      return new Measured(seconds, allocation.bytes(), seconds, used.main(), used.process(), 0, new long[0], 0);
    }
  }

  /** The backfill's source alone: the input hash and every record decoded, nothing done with them. */
  private static Measured readOnly(Path input) {
    try (AllocationMeter allocation = AllocationMeter.start()) {
      Cpu cpu = Cpu.now();
      long start = System.nanoTime();
      long n = 0;
      try (RecordSource source = RecordSources.avroFiles(input, input.getFileName().toString(),
          Example.getClassSchema())) {
        while (source.next() != null) {
          n++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Cpu used = Cpu.now().since(cpu);
      if (n == 0) {
        throw new IllegalStateException("no records in " + input);
      }
      return new Measured(seconds, allocation.bytes(), 0, used.main(), used.process(), 0, new long[0], 0);
    }
  }

  private static Measured backfill(LabelPath path, TeacherForward teacher, Path input, Path storeRoot,
      boolean watchHeap) {
    HeapWatch heap = watchHeap ? HeapWatch.start() : null;
    long[] live = new long[watchHeap ? 4 : 0];
    Backfill.Listener listener = new Backfill.Listener() {
      private int quarter;

      @Override
      public void progress(long done, OptionalLong total, long labels, long deadLetters) {
        while (quarter < live.length && done >= total.orElseThrow() * (quarter + 1) / 4) {
          System.gc();
          // what the full collection left, pool by pool (the read-ahead and writer threads allocate on at once)
          live[quarter++] = ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
              .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        }
      }
    };
    Backfill.Outcome outcome;
    double seconds;
    long bytes;
    Cpu used;
    try (AllocationMeter allocation = AllocationMeter.start()) {
      Cpu cpu = Cpu.now();
      long start = System.nanoTime();
      try (RecordSource source = RecordSources.avroFiles(input, input.getFileName().toString(),
          Example.getClassSchema())) {
        outcome = Backfill.run(new LabelStore(storeRoot), path, source, teacher, RUN, Backfill.Options.defaults(),
            listener, () -> false);
      }
      seconds = (System.nanoTime() - start) / 1e9;
      used = Cpu.now().since(cpu);
      bytes = allocation.bytes();
    }
    long[] peaks = heap != null ? heap.stop() : new long[2];
    LabelSetManifest manifest = outcome.set().manifest();
    if (outcome.reused() || manifest.counts().labels() != manifest.counts().input()) {
      throw new IllegalStateException("the benchmark's backfill must label every record afresh: " + manifest.counts());
    }
    deleteTree(storeRoot);
    return new Measured(seconds, bytes, manifest.cost().teacherSeconds(), used.main(), used.process(), peaks[0],
        live, peaks[1]);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
