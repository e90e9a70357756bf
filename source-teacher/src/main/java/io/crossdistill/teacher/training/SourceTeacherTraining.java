package io.crossdistill.teacher.training;

import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.Split;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.models.ReferenceTeacher;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;

/**
 * Source examples → teacher rows: fits the source's feature scaling on its training split, derives the
 * teacher's signature from the source schema, and maps the source train and validation splits through
 * the teacher's own standardising mapping. {@link #train} then hands the rows to
 * {@link ReferenceTeacher#train}.
 *
 * @param signature the unsealed teacher signature
 * @param scaling the teacher's feature engineering (what target mappings must reproduce)
 * @param train mapped source training rows
 * @param valid mapped source validation rows
 * @param inputDataHash content hash of the source training split
 */
public record SourceTeacherTraining(TeacherSignature signature, FeatureScaling scaling, MappedRows train,
    MappedRows valid, String inputDataHash) {

  /** Prepares the rows of a teacher named {@code teacherId} on {@code data}'s source splits. */
  public static SourceTeacherTraining prepare(CrossDomainData data, String teacherId) {
    FeatureScaling scaling;
    try (ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
      scaling = FeatureScaling.fit(data.source(), in);
    }
    TeacherSignature signature = data.source().modelSignature(teacherId);
    CompiledMapper mapper = FeatureMapping.compile(DomainSignatures.ownMapping(signature, data.source(), scaling),
        signature, Example.getClassSchema());
    List<String> heads = data.source().taskNames();
    MappedRows train;
    MappedRows valid;
    try (ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
      train = MappedRows.map(mapper, in, heads);
    }
    try (ContainerReader<Example> in = data.open(Split.SOURCE_VALID)) {
      valid = MappedRows.map(mapper, in, heads);
    }
    return new SourceTeacherTraining(signature, scaling, train, valid, ContentHash.ofFile(data.path(Split.SOURCE_TRAIN)));
  }

  /** Trains the recipe on the prepared rows and writes the sealed artifact into {@code dir}. */
  public ReferenceTeacher.Trained train(TeacherRecipe recipe, Path dir, String producer, TrainingListener listener) {
    return ReferenceTeacher.train(signature, train.data(), valid.data(), recipe, dir,
        Provenance.newBuilder().setInputDataHash(inputDataHash).setProducer(producer).build(), listener);
  }
}
