package io.crossdistill.benchmarks;

import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.CrossDomainSimulator;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.DemoWorld;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.LabelSink;
import io.crossdistill.labelling.LabelStream;
import io.crossdistill.labelling.Labeller;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.teacher.registry.InProcessKafka;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end stream benchmark: labels per second of one {@link LabelStream} with exactly-once
 * (read_committed consumer, transactions carrying the consumed offsets) on one local in-process KRaft
 * broker, with the demo's reference teacher (the video teacher of {@link DemoWorld}'s small world,
 * embedding 16, trunk [256, 128]) and the music team's mapping onto it. The input is the target training
 * split's examples as Avro binary, cycled to {@code --records} keyed records. For each batch size (most
 * records per poll, i.e. per transaction) a fresh consumer group labels the whole topic; the table shows
 * labels/s, transactions and mean records per transaction, after the same label path without Kafka
 * (decode, map, forward, align, encode) as the ceiling.
 *
 * <pre>java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp benchmarks/target/benchmarks.jar \
 *     io.crossdistill.benchmarks.LabelStreamBenchmark [--records N] [--partitions P] [--batches 2000,5000,10000]
 *     [--work DIR]</pre>
 */
public final class LabelStreamBenchmark {

  private static final String INPUT = "bench-examples";

  private LabelStreamBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int records = 500_000;
    int partitions = 4;
    int[] batches = {2000, 5000, 10000};
    Path work = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--partitions" -> partitions = Integer.parseInt(args[++i]);
        case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; usage: [--records N] [--partitions P] [--batches 500,2000] [--work DIR]");
      }
    }
    if (work == null) {
      work = Files.createTempDirectory("stream-bench");
    }
    System.out.printf(Locale.ROOT, "load average at start: %s; %d cores%n", TeacherServingBenchmark.loadAverage(),
        Runtime.getRuntime().availableProcessors());

    CrossDomainSimulator simulator = new CrossDomainSimulator(DemoWorld.simulator(true));
    CrossDomainData data = simulator.generate(work.resolve("world"), ProgressListener.none());
    Path teacherDir = work.resolve("teacher");
    TeacherTraining.Trained trained = TeacherTraining.train(data, DemoWorld.teacherRecipe(true), teacherDir,
        TrainingListener.NONE, line -> { });
    TeacherSignature signature = trained.signature();
    LabelPath path = LabelPath.compile(mapping(signature, trained.scaling(), data, simulator), Example.getClassSchema(),
        alignment(), signature);
    List<byte[]> examples = examples(data);
    System.out.printf(Locale.ROOT, "reference teacher %s (%,d parameters), %,d distinct target examples cycled to %,d "
        + "records, %d input partitions%n", signature.getTeacherId(), trained.parameters(), examples.size(), records,
        partitions);
    RunStamp run = new RunStamp(Map.of("benchmark", "label-stream"), 0, "", "crossdistill-benchmarks");

    try (ServingTeacher serving = new ServingTeacher()) {
      serving.serve(TeacherRuntime.open(teacherDir), teacherDir);
      int largest = Arrays.stream(batches).max().orElseThrow();
      pathOnly(path, serving, examples, largest, run); // warm-up: the JIT compiles the path before it is timed
      System.out.printf(Locale.ROOT, "%nlabel path without Kafka (decode, map, forward, align, encode), one thread:%n");
      for (int batch : batches) {
        double[] measured = pathOnly(path, serving, examples, batch, run);
        System.out.printf(Locale.ROOT, "  batch %,6d: %,10.0f labels/s, %.0f bytes per label%n", batch, measured[0],
            measured[1]);
      }
      try (InProcessKafka kafka = InProcessKafka.start()) {
        String bootstrap = kafka.bootstrapServers();
        createTopic(bootstrap, INPUT, partitions);
        long t0 = System.nanoTime();
        produce(bootstrap, examples, records);
        System.out.printf(Locale.ROOT, "%nproduced %,d examples in %.1f s (%,.0f/s, not transactional)%n", records,
            (System.nanoTime() - t0) / 1e9, records / ((System.nanoTime() - t0) / 1e9));
        System.out.printf(Locale.ROOT, "%none LabelStream, exactly-once, one local broker (a first, untimed run of "
            + "batch %,d warms up client, broker and JIT):%n", largest);
        stream(bootstrap, serving, path, run, records, partitions, largest, "warm-up", false);
        System.out.printf(Locale.ROOT, "%10s %12s %12s %14s %14s %10s%n", "batch", "labels/s", "seconds",
            "transactions", "records/txn", "aborts");
        for (int batch : batches) {
          stream(bootstrap, serving, path, run, records, partitions, batch, Integer.toString(batch), true);
        }
      }
    }
    System.out.println("load average at end: " + TeacherServingBenchmark.loadAverage());
  }

  /** One stream over the whole input topic with a fresh group; prints its row. */
  private static void stream(String bootstrap, ServingTeacher serving, LabelPath path, RunStamp run, int records,
      int partitions, int batch, String name, boolean print) throws InterruptedException {
    String out = "bench-labels-" + name;
    createTopic(bootstrap, out, partitions);
    createTopic(bootstrap, out + "-dead", 1);
    AtomicLong firstCommit = new AtomicLong();
    LabelStream stream = LabelStream.builder().setBootstrapServers(bootstrap).setInputTopic(INPUT)
        .setOutputTopic(out).setDeadLetterTopic(out + "-dead").setGroupId("bench-" + name).setInstanceId("bench-" + name)
        .setTeacher(serving::lease).setPaths(lease -> path).setRun(run).optMaxPollRecords(batch)
        .optListener(new LabelStream.Listener() {
          @Override
          public void committed(LabelStream.Batch b) {
            firstCommit.compareAndSet(0, System.nanoTime());
          }
        }).build();
    long start = System.nanoTime();
    try (stream) {
      stream.start();
      while (stream.stats().records() < records) {
        if (stream.stats().state() == LabelStream.State.FAILED) {
          throw new IllegalStateException("the stream failed: " + stream.stats().lastError().orElse("?"));
        }
        Thread.sleep(5); // a benchmark's clock, not a test's wait
      }
      long end = System.nanoTime();
      LabelStream.Stats stats = stream.stats();
      // from the first poll's records on: the group join before it is a one-time cost, not throughput
      long firstBatch = stats.transactions() > 0 ? stats.records() / stats.transactions() : 0;
      double seconds = (end - firstCommit.get()) / 1e9;
      double rate = (records - firstBatch) / seconds;
      if (!print) {
        return;
      }
      System.out.printf(Locale.ROOT, "%,10d %,12.0f %12.2f %,14d %,14.0f %10d%n", batch, rate, (end - start) / 1e9,
          stats.transactions(), (double) stats.records() / stats.transactions(), stats.aborts());
    }
  }

  /** Labels per second and mean bytes per encoded label. */
  private static double[] pathOnly(LabelPath path, ServingTeacher serving, List<byte[]> examples, int batch, RunStamp run) {
    Labeller labeller = path.labeller(512);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(Example.getClassSchema());
    SpecificDatumWriter<AlignedLabel> writer = new SpecificDatumWriter<>(AlignedLabel.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] sink = {0, 0}; // bytes and labels encoded
    LabelSink counting = new LabelSink() {
      private BinaryEncoder encoder;

      @Override
      public void accept(int index, AlignedLabel label) {
        bytes.reset();
        encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
        try {
          writer.write(label, encoder);
          encoder.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        sink[0] += bytes.size();
        sink[1]++;
      }

      @Override
      public void reject(int index, DeadLetter deadLetter) {
      }
    };
    int rounds = Math.max(3, 300_000 / examples.size());
    long start = 0;
    long n = 0;
    BinaryDecoder decoder = null;
    List<GenericRecord> records = new ArrayList<>(batch);
    for (int round = 0; round < rounds; round++) {
      if (round == 1) {
        start = System.nanoTime(); // round 0 warms up
        n = 0;
      }
      for (int from = 0; from < examples.size(); from += batch) {
        records.clear();
        for (int i = from; i < Math.min(examples.size(), from + batch); i++) {
          decoder = DecoderFactory.get().binaryDecoder(examples.get(i), decoder);
          try {
            records.add(reader.read(null, decoder));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        try (ServingTeacher.Lease lease = serving.lease()) {
          labeller.label(records, lease, run, counting);
        }
        n += records.size();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new double[] {n / seconds, (double) sink[0] / sink[1]};
  }

  /** The music team's mapping onto the video teacher, as the demo writes it. */
  private static FeatureMappingSpec mapping(TeacherSignature teacher, FeatureScaling scaling, CrossDomainData data,
      CrossDomainSimulator simulator) {
    long unknownGenre = data.source().feature("genre").map(FeatureDef::cardinality).orElseThrow();
    Map<String, Long> genres = new TreeMap<>();
    simulator.genreCorrespondence().forEach((music, video) -> genres.put(Long.toString(music), video));
    List<Rule> rules = new ArrayList<>();
    for (TeacherInput input : teacher.getInputs()) {
      String name = input.getName();
      rules.add(switch (name) {
        case "user_id" -> Rule.from(name, "/idFeatures/user_id");
        case "genre" -> Rule.from(name, "/idFeatures/genre", new io.crossdistill.mapper.Transform.Lookup(genres,
            unknownGenre));
        case "popularity", "user_activity" -> Rule.from(name, "/floatFeatures/" + name,
            new io.crossdistill.mapper.Transform.Standardize(scaling.mean(name), scaling.std(name)));
        default -> Rule.defaulted(name);
      });
    }
    return new FeatureMappingSpec("music-to-video", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(teacher.getTeacherId(), teacher.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }

  /** Heads to music tasks with fixed transforms (nothing to fit): the labels' cost, not their quality. */
  private static TaskAlignmentSpec alignment() {
    return new TaskAlignmentSpec("music-homepage", 1, "benchmark alignment", List.of(
        TargetTask.of("click", TaskKind.BINARY, true, new TaskSource.FromHead("click", new Transform.Identity())),
        TargetTask.of("like", TaskKind.BINARY, true, new TaskSource.FromHead("like", new Transform.Identity())),
        TargetTask.of("listen_time", TaskKind.REGRESSION, true,
            new TaskSource.FromHead("watch_time", new Transform.Affine(0.5, 0))),
        TargetTask.of("continue_watching", TaskKind.BINARY, false, new TaskSource.AuxiliaryOnly("continue_watching")),
        TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled())));
  }

  private static List<byte[]> examples(CrossDomainData data) {
    List<byte[]> out = new ArrayList<>();
    SpecificDatumWriter<Example> writer = new SpecificDatumWriter<>(Example.class);
    BinaryEncoder encoder = null;
    try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
      for (Example example : in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
        writer.write(example, encoder);
        encoder.flush();
        out.add(bytes.toByteArray());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void produce(String bootstrap, List<byte[]> examples, int records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(INPUT, ("ex-" + i).getBytes(StandardCharsets.UTF_8),
            examples.get(i % examples.size())));
      }
      producer.flush();
    }
  }

  private static void createTopic(String bootstrap, String topic, int partitions) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }
}
