package io.crossdistill.teacher.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image of the service must keep for reflection, that Quarkus cannot infer from the
 * code (docs/native.md). A JVM build ignores it. {@code NativeRegistrationsTest} checks that every Avro
 * class is listed and that every class name still names a class.
 *
 * <ul>
 *   <li>the Avro generated classes ({@code io.crossdistill.v1}): Avro's specific reader and writer find
 *       them by schema name and read their {@code SCHEMA$}, constructors and enum constants reflectively;
 *   <li>Jackson-bound types the REST layer cannot see in a resource signature (answers built into a
 *       {@code Response} or typed {@code Object}, problem bodies, fit reports through {@code valueToTree})
 *       and the JSON files the service writes and reads itself (registry entries, label-set manifests and
 *       checkpoints, backfill jobs);
 *   <li>classes that libraries instantiate by name: Kafka's configured (de)serialisers and default
 *       partition assignors, and the Caffeine cache and node classes of the service's two caches (a
 *       maximum-weight cache and a maximum-size cache, both with statistics).
 * </ul>
 *
 * <p>DJL ships its own native-image metadata (reflection for the engine provider, JNI for the classes
 * its native library calls back, the JNI library as a resource); what it needs beyond that is in
 * {@code application.properties} ({@code quarkus.native.*}).
 */
@RegisterForReflection(
    targets = {
        io.crossdistill.v1.AlignedLabel.class,
        io.crossdistill.v1.AlignmentAffine.class,
        io.crossdistill.v1.AlignmentAuxiliaryOnly.class,
        io.crossdistill.v1.AlignmentDistillation.class,
        io.crossdistill.v1.AlignmentHeadSource.class,
        io.crossdistill.v1.AlignmentIdentity.class,
        io.crossdistill.v1.AlignmentIsotonic.class,
        io.crossdistill.v1.AlignmentLinearFit.class,
        io.crossdistill.v1.AlignmentLoss.class,
        io.crossdistill.v1.AlignmentMixSource.class,
        io.crossdistill.v1.AlignmentNotDistilled.class,
        io.crossdistill.v1.AlignmentPlatt.class,
        io.crossdistill.v1.AlignmentTask.class,
        io.crossdistill.v1.AlignmentTaskKind.class,
        io.crossdistill.v1.AlignmentTemperature.class,
        io.crossdistill.v1.AlignmentWeightedHead.class,
        io.crossdistill.v1.BucketizeTransform.class,
        io.crossdistill.v1.CastTarget.class,
        io.crossdistill.v1.CastTransform.class,
        io.crossdistill.v1.ClipTransform.class,
        io.crossdistill.v1.ConstantSource.class,
        io.crossdistill.v1.DeadLetter.class,
        io.crossdistill.v1.DefaultSource.class,
        io.crossdistill.v1.Example.class,
        io.crossdistill.v1.FeatureMappingSpec.class,
        io.crossdistill.v1.FeatureStatistics.class,
        io.crossdistill.v1.FieldSource.class,
        io.crossdistill.v1.HashTransform.class,
        io.crossdistill.v1.HeadKind.class,
        io.crossdistill.v1.IdentityTransform.class,
        io.crossdistill.v1.InputType.class,
        io.crossdistill.v1.LabelSpace.class,
        io.crossdistill.v1.Log1pTransform.class,
        io.crossdistill.v1.LookupTransform.class,
        io.crossdistill.v1.MappingRule.class,
        io.crossdistill.v1.MissingPolicy.class,
        io.crossdistill.v1.Provenance.class,
        io.crossdistill.v1.StandardizeTransform.class,
        io.crossdistill.v1.TaskAlignmentSpec.class,
        io.crossdistill.v1.TaskLabel.class,
        io.crossdistill.v1.TeacherHead.class,
        io.crossdistill.v1.TeacherInput.class,
        io.crossdistill.v1.TeacherPrediction.class,
        io.crossdistill.v1.TeacherSignature.class,
        io.crossdistill.v1.VectorTransform.class,
        io.crossdistill.v1.VocabularyTransform.class,
        io.crossdistill.v1.WeightedSumTransform.class,
        io.crossdistill.v1.WeightedTerm.class
    },
    classNames = {
        // answers, problems and reports bound by Jackson outside a resource method's declared type
        "io.crossdistill.teacher.rest.VersionView",
        "io.crossdistill.teacher.service.SchemaService$Compatibility",
        "io.crossdistill.teacher.rest.SignatureView",
        "io.crossdistill.teacher.rest.SignatureView$InputView",
        "io.crossdistill.teacher.rest.SignatureView$StatisticsView",
        "io.crossdistill.teacher.rest.SignatureView$HeadView",
        "io.crossdistill.teacher.rest.TeacherResource$TeacherView",
        "io.crossdistill.teacher.errors.ProblemDetails",
        "io.crossdistill.schemas.Problem",
        "io.crossdistill.aligner.FitReport",
        "io.crossdistill.aligner.FitReport$TaskFit",
        "io.crossdistill.schemas.metrics.CalibrationBins$Bin",
        // JSON files the service writes and reads back
        "io.crossdistill.teacher.registry.RegistryEntry",
        "io.crossdistill.labelling.LabelSetManifest",
        "io.crossdistill.labelling.LabelSetManifest$Column",
        "io.crossdistill.labelling.LabelSetManifest$Stamp",
        "io.crossdistill.labelling.LabelSetManifest$Counts",
        "io.crossdistill.labelling.LabelSetManifest$Shard",
        "io.crossdistill.labelling.LabelSetWriter$Checkpoint",
        // Kafka instantiates configured classes by name
        "org.apache.kafka.common.serialization.ByteArraySerializer",
        "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "org.apache.kafka.clients.consumer.RangeAssignor",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
        "org.apache.kafka.common.metrics.JmxReporter",
        // Caffeine loads the generated classes of a cache's feature set by name
        "com.github.benmanes.caffeine.cache.SSSMW",
        "com.github.benmanes.caffeine.cache.PSMW",
        "com.github.benmanes.caffeine.cache.SSSMS",
        "com.github.benmanes.caffeine.cache.PSMS",
    })
public final class NativeRegistrations {

  private NativeRegistrations() {
  }
}
