package io.crossdistill.benchmarks;

import io.crossdistill.models.IdInput;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.Objective;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Three reference teacher sizes over the simulator's video inputs (user, item, genre, channel ids; six
 * floats) with four heads, and the forward pass's floating-point work per example.
 */
enum TeacherSizes {
  /** Embeddings 16, trunk 128-64. */
  SMALL(16, List.of(128, 64)),
  /** Embeddings 32, trunk 512-256 (the demo teacher's family). */
  MEDIUM(32, List.of(512, 256)),
  /** Embeddings 64, trunk 2048-1024-512. */
  LARGE(64, List.of(2048, 1024, 512));

  static final int[] CARDINALITIES = {4001, 2001, 21, 301};
  static final int FLOATS = 6;
  static final int HEADS = 4;

  final int embedding;
  final List<Integer> widths;

  TeacherSizes(int embedding, List<Integer> widths) {
    this.embedding = embedding;
    this.widths = widths;
  }

  NetworkConfig config() {
    List<IdInput> ids = new ArrayList<>();
    for (int i = 0; i < CARDINALITIES.length; i++) {
      ids.add(new IdInput("id" + i, CARDINALITIES[i], embedding));
    }
    List<HeadSpec> heads = new ArrayList<>();
    for (int h = 0; h < HEADS; h++) {
      heads.add(HeadSpec.serving("head" + h, Objective.BINARY_CROSS_ENTROPY));
    }
    return new NetworkConfig(ids, FLOATS, widths, heads);
  }

  /** Multiply-adds × 2 of the trunk and heads per example (embedding lookups and ReLUs are not counted). */
  long flopsPerExample() {
    NetworkConfig config = config();
    long fanIn = config.trunkInputWidth();
    long flops = 0;
    for (int width : widths) {
      flops += 2 * fanIn * width;
      fanIn = width;
    }
    return flops + 2 * fanIn * HEADS;
  }

  MultiTaskModel model() {
    return MultiTaskModel.create(config(), 42);
  }

  /** A signature matching {@link #config()} (floats first, then ids), for the runtime. */
  static TeacherSignature signature(String hash) {
    List<TeacherInput> inputs = new ArrayList<>();
    for (int f = 0; f < FLOATS; f++) {
      inputs.add(TeacherInput.newBuilder().setName("f" + f).setType(InputType.FLOAT).setDefaultValue(0f).build());
    }
    for (int i = 0; i < CARDINALITIES.length; i++) {
      inputs.add(TeacherInput.newBuilder().setName("id" + i).setType(InputType.ID).setCardinality(CARDINALITIES[i])
          .setDefaultValue((long) CARDINALITIES[i] - 1).build());
    }
    List<TeacherHead> heads = new ArrayList<>();
    for (int h = 0; h < HEADS; h++) {
      heads.add(TeacherHead.newBuilder().setName("head" + h).setKind(HeadKind.BINARY_LOGIT).build());
    }
    return TeacherSignature.newBuilder().setTeacherId("bench").setContentHash(hash).setInputs(inputs).setHeads(heads)
        .build();
  }

  /** A full batch of random rows. */
  static TeacherInputBatch randomBatch(TeacherInputLayout layout, int rows, long seed) {
    TeacherInputBatch batch = layout.newBatch(rows);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < rows * layout.numericWidth(); i++) {
      batch.numeric()[i] = (float) random.nextGaussian();
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < layout.idCount(); c++) {
        batch.ids()[r * layout.idCount() + c] = random.nextInt(CARDINALITIES[c]);
      }
    }
    batch.setSize(rows);
    return batch;
  }
}
