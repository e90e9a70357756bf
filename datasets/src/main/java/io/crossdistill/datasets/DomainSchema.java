package io.crossdistill.datasets;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the examples of one domain contain: the features a model may read and the tasks it may be
 * trained on. The rest of the platform turns {@link io.crossdistill.v1.Example}s into tensors from this
 * description alone, without knowing which data set produced them. Features and tasks keep the order
 * given here, which callers may use as a stable column order.
 *
 * @param domain the value of {@code Example.domain} for this domain's examples, e.g. "music"
 * @param features input features, names unique
 * @param tasks prediction tasks, names unique
 */
public record DomainSchema(String domain, List<FeatureDef> features, List<TaskDef> tasks) {

  /** Validates names and copies the lists. */
  public DomainSchema {
    Objects.requireNonNull(domain, "domain");
    features = List.copyOf(features);
    tasks = List.copyOf(tasks);
    Set<String> seen = new HashSet<>();
    for (FeatureDef f : features) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("domain " + domain + " defines feature " + f.name() + " twice");
      }
    }
    seen.clear();
    for (TaskDef t : tasks) {
      if (!seen.add(t.name())) {
        throw new IllegalArgumentException("domain " + domain + " defines task " + t.name() + " twice");
      }
    }
  }

  /** The feature of that name, if the domain has it. */
  public Optional<FeatureDef> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The task of that name, if the domain has it. */
  public Optional<TaskDef> task(String name) {
    return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Names of the features, in schema order. */
  public List<String> featureNames() {
    return features.stream().map(FeatureDef::name).toList();
  }

  /** Names of the tasks, in schema order. */
  public List<String> taskNames() {
    return tasks.stream().map(TaskDef::name).toList();
  }

  /**
   * The signature of a model over this domain's features and tasks (unsealed: no content hash): every
   * feature is an input — ids with one extra "unknown" id ({@code cardinality}) as their default, floats
   * (standardised by the model's feature engineering) with default 0 — and every task a head.
   */
  public TeacherSignature modelSignature(String modelId) {
    List<TeacherInput> inputs = new ArrayList<>();
    for (FeatureDef f : features) {
      TeacherInput.Builder input = TeacherInput.newBuilder().setName(f.name());
      if (f.kind() == FeatureKind.ID) {
        input.setType(InputType.ID).setCardinality(f.cardinality() + 1).setDefaultValue((long) f.cardinality());
      } else {
        input.setType(InputType.FLOAT).setDefaultValue(0f);
      }
      inputs.add(input.build());
    }
    List<TeacherHead> heads = new ArrayList<>();
    for (TaskDef task : tasks) {
      heads.add(TeacherHead.newBuilder().setName(task.name())
          .setKind(task.kind() == TaskKind.BINARY ? HeadKind.BINARY_LOGIT : HeadKind.REGRESSION).build());
    }
    return TeacherSignature.newBuilder()
        .setTeacherId(modelId)
        .setContentHash("")
        .setSourceDomain(domain)
        .setInputs(inputs)
        .setHeads(heads)
        .build();
  }
}
