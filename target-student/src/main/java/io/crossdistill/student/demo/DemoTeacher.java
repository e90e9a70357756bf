package io.crossdistill.student.demo;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureKind;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.datasets.TaskKind;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Transform;
import io.crossdistill.models.InputStatistics;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.models.TrainingReport;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains the demo's reference teacher on the source domain only and writes it as a teacher artifact.
 * Its inputs are the source features, floats standardised (the teacher's feature engineering, written
 * as a source→teacher feature mapping) and ids with one extra "unknown" id that is also the input's
 * default; during training 5% of ids are replaced by the unknown id so that a defaulted input means
 * "an average one" to the teacher rather than an untrained embedding.
 */
final class DemoTeacher {

  static final float ID_DROPOUT = 0.05f;

  private DemoTeacher() {
  }

  /** Sizes and training settings of the teacher. */
  record Recipe(String teacherId, int embeddingDim, List<Integer> hiddenWidths, TrainingConfig training) {
  }

  /** A trained, sealed teacher and what it took. */
  record Trained(TeacherSignature signature, SourceFeatureScaling scaling, long parameters, TrainingReport report) {
  }

  static Trained train(CrossDomainData data, Recipe recipe, Path artifactDir, TrainingListener listener,
      java.util.function.Consumer<String> log) {
    DomainSchema source = data.source();
    SourceFeatureScaling scaling;
    try (ContainerReader<Example> train = data.open(Split.SOURCE_TRAIN)) {
      scaling = SourceFeatureScaling.fit(source, train);
    }
    TeacherSignature unsealed = signature(recipe.teacherId(), source, "");
    FeatureMappingSpec sourceMapping = sourceMapping(unsealed, source, scaling);
    CompiledMapper mapper = FeatureMapping.compile(sourceMapping, unsealed, Example.getClassSchema());
    List<String> heads = source.taskNames();
    MappedTable train;
    MappedTable valid;
    try (ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
      train = MappedTable.map(mapper, in, heads, n -> { });
    }
    try (ContainerReader<Example> in = data.open(Split.SOURCE_VALID)) {
      valid = MappedTable.map(mapper, in, heads, n -> { });
    }
    if (!train.rejected().isEmpty()) {
      log.accept("teacher: " + train.rejected().size() + " source training records rejected, first: "
          + train.rejected().get(0).getErrors());
    }
    TabularData trainData = withIdDropout(train.data(), unsealed, recipe.training().seed());
    log.accept(String.format("teacher: training on %,d source rows (%,d for early stopping), heads %s",
        trainData.rows(), valid.data().rows(), heads));

    NetworkConfig network = NetworkConfig.fromSignature(unsealed, recipe.embeddingDim(), recipe.hiddenWidths());
    TrainingConfig training = TrainingConfig.builder()
        .setSeed(recipe.training().seed())
        .optLearningRate(recipe.training().learningRate())
        .optBatchSize(recipe.training().batchSize())
        .optMaxEpochs(recipe.training().maxEpochs())
        .optPatience(recipe.training().patience())
        .optWeightDecay(recipe.training().weightDecay())
        .optListener(listener)
        .build();
    try (MultiTaskModel model = MultiTaskModel.create(network, training.seed())) {
      TrainingReport report = ModelTrainer.train(model, trainData, valid.data(), training);
      log.accept("teacher: source validation " + sourceQuality(model, valid.data(), unsealed));
      TeacherSignature withStats = InputStatistics.withStatistics(unsealed, train.data());
      withStats.setProvenance(Provenance.newBuilder()
          .setTeacherId(recipe.teacherId())
          .setHyperParameters(new TreeMap<>(hyperParameters(recipe, training)))
          .setSeed(training.seed())
          .setInputDataHash(ContentHash.ofFile(data.path(Split.SOURCE_TRAIN)))
          .setProducer("crossdistill demo")
          .build());
      TeacherSignature sealed = TeacherArtifact.write(artifactDir, model, withStats);
      return new Trained(sealed, scaling, model.parameterCount(), report);
    }
  }

  private static String sourceQuality(MultiTaskModel model, TabularData valid, TeacherSignature signature) {
    float[] out = model.predict(valid);
    int heads = signature.getHeads().size();
    StringBuilder s = new StringBuilder();
    for (int h = 0; h < heads; h++) {
      TeacherHead head = signature.getHeads().get(h);
      float[] scores = io.crossdistill.models.Metrics.column(out, heads, h);
      float[] truth = valid.targetColumn(h);
      s.append(h == 0 ? "" : ", ").append(head.getName()).append(head.getKind() == HeadKind.BINARY_LOGIT
          ? String.format(java.util.Locale.ROOT, " AUC %.3f", io.crossdistill.models.Metrics.auc(scores, truth))
          : String.format(java.util.Locale.ROOT, " R² %.3f", io.crossdistill.models.Metrics.r2(scores, truth)));
    }
    return s.toString();
  }

  private static java.util.Map<String, String> hyperParameters(Recipe recipe, TrainingConfig training) {
    java.util.Map<String, String> hp = new TreeMap<>(training.hyperParameters());
    hp.put("embeddingDim", Integer.toString(recipe.embeddingDim()));
    hp.put("hiddenWidths", recipe.hiddenWidths().toString());
    hp.put("idDropout", Float.toString(ID_DROPOUT));
    return hp;
  }

  /** The teacher's signature: every source feature, ids with one extra unknown id as their default. */
  static TeacherSignature signature(String teacherId, DomainSchema source, String contentHash) {
    List<TeacherInput> inputs = new ArrayList<>();
    for (FeatureDef f : source.features()) {
      TeacherInput.Builder input = TeacherInput.newBuilder().setName(f.name());
      if (f.kind() == FeatureKind.ID) {
        input.setType(InputType.ID).setCardinality(f.cardinality() + 1).setDefaultValue((long) f.cardinality());
      } else {
        input.setType(InputType.FLOAT).setDefaultValue(0f);
      }
      inputs.add(input.build());
    }
    List<TeacherHead> heads = new ArrayList<>();
    for (TaskDef task : source.tasks()) {
      heads.add(TeacherHead.newBuilder().setName(task.name())
          .setKind(task.kind() == TaskKind.BINARY ? HeadKind.BINARY_LOGIT : HeadKind.REGRESSION).build());
    }
    return TeacherSignature.newBuilder()
        .setTeacherId(teacherId)
        .setContentHash(contentHash)
        .setSourceDomain(source.domain())
        .setInputs(inputs)
        .setHeads(heads)
        .build();
  }

  /** The teacher's own feature engineering as a mapping: source examples → teacher inputs. */
  static FeatureMappingSpec sourceMapping(TeacherSignature signature, DomainSchema source, SourceFeatureScaling scaling) {
    List<Rule> rules = new ArrayList<>();
    for (FeatureDef f : source.features()) {
      rules.add(f.kind() == FeatureKind.ID
          ? Rule.from(f.name(), "/idFeatures/" + f.name())
          : Rule.from(f.name(), "/floatFeatures/" + f.name(),
              new Transform.Standardize(scaling.mean(f.name()), scaling.std(f.name()))));
    }
    return new FeatureMappingSpec(source.domain() + "-to-teacher", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(signature.getTeacherId(), signature.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }

  private static TabularData withIdDropout(TabularData data, TeacherSignature signature, long seed) {
    List<Long> unknown = new ArrayList<>();
    for (TeacherInput input : signature.getInputs()) {
      if (input.getType() == InputType.ID) {
        unknown.add((long) input.getCardinality() - 1);
      }
    }
    long[] ids = data.ids().clone();
    SplittableRandom random = new SplittableRandom(seed ^ 0x1DD80FL);
    int idCount = data.idCount();
    for (int i = 0; i < ids.length; i++) {
      if (random.nextDouble() < ID_DROPOUT) {
        ids[i] = unknown.get(i % idCount);
      }
    }
    return new TabularData(data.rows(), data.numericWidth(), data.numeric(), idCount, ids, data.headCount(),
        data.targets());
  }
}
