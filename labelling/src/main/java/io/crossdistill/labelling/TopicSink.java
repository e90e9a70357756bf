package io.crossdistill.labelling;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.TeacherSignature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A {@link LabelStream}'s label path onto its topics: the labeller of each teacher version that answers
 * (its {@link LabelPath} asked for once per version, a few kept), the decoder of its target schema, and a
 * {@link LabelSink} that sends each label (key = the example's key) and each dead letter as Avro binary
 * with its schema fingerprint header ({@link LabelTopics}) into the open transaction. Not thread-safe.
 */
final class TopicSink implements LabelSink {

  private static final int LABELLERS_KEPT = 4;

  private final String outputTopic;
  private final String deadLetterTopic;
  private final Function<? super ServingTeacher.Lease, LabelPath> paths;
  private final int batchRows;
  private final Map<String, Labeller> labellers = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Labeller> eldest) {
      return size() > LABELLERS_KEPT;
    }
  };
  private final RecordEncoder<AlignedLabel> labelEncoder = new RecordEncoder<>(AlignedLabel.class);
  private final RecordEncoder<DeadLetter> deadLetterEncoder = new RecordEncoder<>(DeadLetter.class);
  private final Header labelHeader = new RecordHeader(LabelTopics.FINGERPRINT_HEADER,
      LabelTopics.fingerprintBytes(LabelTopics.labelFingerprint()));
  private final Header deadLetterHeader = new RecordHeader(LabelTopics.FINGERPRINT_HEADER,
      LabelTopics.fingerprintBytes(LabelTopics.deadLetterFingerprint()));
  private LabelPath decoderPath;
  private TargetDecoder decoder;
  private KafkaProducer<byte[], byte[]> producer;
  private PolledBatch batch;
  private int labels;
  private int deadLetters;

  TopicSink(LabelStream.Settings settings) {
    this.outputTopic = settings.outputTopic();
    this.deadLetterTopic = settings.deadLetterTopic();
    this.paths = settings.paths();
    this.batchRows = settings.batchRows();
  }

  /** The labeller of the version {@code lease} holds. */
  Labeller labeller(ServingTeacher.Lease lease) {
    TeacherSignature teacher = lease.signature();
    Labeller labeller = labellers.get(teacher.getContentHash());
    if (labeller == null) {
      LabelPath path = paths.apply(lease);
      if (!path.teacher().getContentHash().equals(teacher.getContentHash())) {
        throw new IllegalStateException("the label path for teacher version " + teacher.getContentHash()
            + " was compiled for version " + path.teacher().getContentHash());
      }
      labeller = path.labeller(batchRows);
      labellers.put(teacher.getContentHash(), labeller);
    }
    return labeller;
  }

  /** The decoder of {@code path}'s target schema (kept while the schema stays the same). */
  TargetDecoder decoder(LabelPath path) {
    if (path != decoderPath) {
      if (decoderPath == null || !path.targetSchema().equals(decoderPath.targetSchema())) {
        decoder = new TargetDecoder(path.targetSchema());
      }
      decoderPath = path;
    }
    return decoder;
  }

  /** Sends the next labels and dead letters, keyed by {@code batch}'s keys, with {@code producer}. */
  void start(KafkaProducer<byte[], byte[]> producer, PolledBatch batch) {
    this.producer = producer;
    this.batch = batch;
    labels = 0;
    deadLetters = 0;
  }

  /** Labels sent since {@link #start}. */
  int labels() {
    return labels;
  }

  /** Dead letters sent since {@link #start}. */
  int deadLetters() {
    return deadLetters;
  }

  @Override
  public void accept(int index, AlignedLabel label) {
    producer.send(new ProducerRecord<>(outputTopic, null, batch.key(index), labelEncoder.encode(label),
        new RecordHeaders(new Header[] {labelHeader})));
    labels++;
  }

  @Override
  public void reject(int index, DeadLetter deadLetter) {
    producer.send(new ProducerRecord<>(deadLetterTopic, null, batch.key(index), deadLetterEncoder.encode(deadLetter),
        new RecordHeaders(new Header[] {deadLetterHeader})));
    deadLetters++;
  }
}
