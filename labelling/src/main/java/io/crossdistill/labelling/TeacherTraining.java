package io.crossdistill.labelling;

import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureKind;
import io.crossdistill.datasets.Split;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Transform;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.ReferenceTeacher;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.models.TrainingReport;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains the reference teacher of a {@link CrossDomainData} on its source domain only (never a target
 * example) and writes it as a teacher artifact: the one teacher training from example files, used by the
 * demo, the student comparison, {@code teacher train}, {@code teacher search} and the service's first
 * start. Its inputs are the source features, floats standardised (the teacher's feature engineering,
 * written as a source→teacher feature mapping) and ids with one extra "unknown" id that is also the
 * input's default; during training 5% of ids are replaced by the unknown id so that a defaulted input
 * means "an average one" to the teacher rather than an untrained embedding.
 *
 * <p>{@link #prepare} maps the source splits once ({@link Prepared}); {@link Prepared#train} trains a
 * recipe on them; {@link #train} does both for a {@link Recipe}.
 */
public final class TeacherTraining {

  /** Default share of ids replaced by the unknown id during teacher training. */
  public static final float ID_DROPOUT_DEFAULT = 0.05f;

  private TeacherTraining() {
  }

  /**
   * Sizes and training settings of the teacher.
   *
   * @param teacherId the id the teacher's signature carries
   * @param embeddingDim width of every id embedding
   * @param hiddenWidths widths of the shared hidden layers
   * @param training optimiser, epochs, batch size and seed
   */
  public record Recipe(String teacherId, int embeddingDim, List<Integer> hiddenWidths, TrainingConfig training,
      float idDropout) {

    /** A recipe with the default id dropout ({@link TeacherTraining#ID_DROPOUT_DEFAULT}). */
    public Recipe(String teacherId, int embeddingDim, List<Integer> hiddenWidths, TrainingConfig training) {
      this(teacherId, embeddingDim, hiddenWidths, training, ID_DROPOUT_DEFAULT);
    }

    /** The recipe without its teacher id, as {@link Prepared#train} takes it. */
    public TeacherRecipe teacherRecipe() {
      return new TeacherRecipe(embeddingDim, hiddenWidths, training, idDropout);
    }
  }

  /**
   * A trained, sealed teacher and what it took.
   *
   * @param signature the sealed signature (with the artifact's content hash)
   * @param scaling the standardisation of the source floats the teacher was trained with
   * @param parameters number of trained parameters
   * @param report epochs, losses and wall time of the training
   */
  public record Trained(TeacherSignature signature, FeatureScaling scaling, long parameters, TrainingReport report) {
  }

  /**
   * A teacher's source rows, mapped once and ready to train any recipe on.
   *
   * @param signature the unsealed teacher signature derived from the source schema
   * @param scaling the teacher's feature engineering (what target mappings must reproduce)
   * @param train mapped source training rows, with the records the mapping refused as dead letters
   * @param valid mapped source validation rows (early stopping), with their dead letters
   * @param inputDataHash content hash of the source training split
   */
  public record Prepared(TeacherSignature signature, FeatureScaling scaling, MappedTable train, MappedTable valid,
      String inputDataHash) {

    /**
     * Trains {@code recipe} on the prepared rows and writes the sealed artifact into {@code dir}; the
     * provenance names {@code producer} and the input data hash.
     */
    public Trained train(TeacherRecipe recipe, Path dir, String producer, TrainingListener listener) throws ModelException {
      ReferenceTeacher.Trained trained = ReferenceTeacher.train(signature, train.data(), valid.data(), recipe, dir,
          Provenance.newBuilder()
              .setTeacherId(signature.getTeacherId())
              .setInputDataHash(inputDataHash)
              .setProducer(producer)
              .build(), listener);
      return new Trained(trained.signature(), scaling, trained.parameters(), trained.report());
    }
  }

  /**
   * Fits the source's feature scaling on its training split, derives the signature of a teacher named
   * {@code teacherId} from the source schema, and maps the source training and validation splits
   * through the teacher's own standardising mapping ({@link #sourceMapping}).
   */
  public static Prepared prepare(CrossDomainData data, String teacherId) {
    DomainSchema source = data.source();
    FeatureScaling scaling;
    try (ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
      scaling = FeatureScaling.fit(source, in);
    }
    TeacherSignature unsealed = source.modelSignature(teacherId);
    CompiledMapper mapper = FeatureMapping.compile(sourceMapping(unsealed, source, scaling), unsealed,
        Example.getClassSchema());
    List<String> heads = source.taskNames();
    MappedTable train;
    MappedTable valid;
    try (ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
      train = MappedTable.map(mapper, in, heads, n -> { });
    }
    try (ContainerReader<Example> in = data.open(Split.SOURCE_VALID)) {
      valid = MappedTable.map(mapper, in, heads, n -> { });
    }
    return new Prepared(unsealed, scaling, train, valid, ContentHash.ofFile(data.path(Split.SOURCE_TRAIN)));
  }

  /**
   * Trains a teacher on {@code data}'s source training split (validation split for early stopping) and
   * writes it to {@code artifactDir}; {@code listener} follows the steps, {@code log} gets a few lines.
   */
  public static Trained train(CrossDomainData data, Recipe recipe, Path artifactDir, TrainingListener listener,
      java.util.function.Consumer<String> log) throws ModelException {
    Prepared prepared = prepare(data, recipe.teacherId());
    MappedTable train = prepared.train();
    if (!train.rejected().isEmpty()) {
      log.accept("teacher: " + train.rejected().size() + " source training records rejected, first: "
          + train.rejected().get(0).getErrors());
    }
    log.accept(String.format("teacher: training on %,d source rows (%,d for early stopping), heads %s",
        train.data().rows(), prepared.valid().data().rows(), data.source().taskNames()));
    return prepared.train(recipe.teacherRecipe(), artifactDir, "crossdistill demo", listener);
  }

  /**
   * A model's own feature engineering as a mapping: {@code source}'s examples → the inputs of
   * {@code signature} (derived from that domain's schema), ids as they are, floats standardised with
   * {@code scaling}. The teacher's on its source domain; a target student's on the target domain.
   */
  public static FeatureMappingSpec sourceMapping(TeacherSignature signature, DomainSchema source,
      FeatureScaling scaling) {
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
}
