package io.crossdistill.student.internal.compare;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.MappedTable;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.CompareOptions.RepresentationKind;
import io.crossdistill.student.FeatureLookup;
import io.crossdistill.student.RatingsProtocol;
import io.crossdistill.v1.Example;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The teachers of one comparison, trained once on the source domain and opened for labelling: the
 * first is the teacher every distilled variant learns from; the others (other seeds of the same
 * recipe) join it in the committee. A teacher directory that already holds an artifact is reused, so
 * that a rerun into the same output directory never trains it again.
 */
final class TeacherPanel implements AutoCloseable {

  static final String USER_ID = "user_id";

  private final List<TeacherArtifact> teachers = new ArrayList<>();
  private final List<TeacherTraining.Trained> trained = new ArrayList<>();

  private TeacherPanel() {
  }

  static TeacherPanel train(RatingsProtocol protocol, CrossDomainData data, Path dir, int size,
      TrainingListener listener, Consumer<String> log) throws ModelException {
    TeacherPanel panel = new TeacherPanel();
    try {
      for (int i = 0; i < size; i++) {
        long seed = 17 + i;
        Path teacherDir = dir.resolve("teacher-" + seed);
        TeacherTraining.Trained t;
        if (Files.isRegularFile(teacherDir.resolve(TeacherArtifact.SIGNATURE_FILE))) {
          try (TeacherArtifact existing = TeacherArtifact.open(teacherDir);
              ContainerReader<Example> in = data.open(Split.SOURCE_TRAIN)) {
            t = new TeacherTraining.Trained(existing.signature(), FeatureScaling.fit(data.source(), in),
                existing.model().parameterCount(), null);
          }
          log.accept("teacher " + seed + ": reusing " + teacherDir);
        } else {
          t = TeacherTraining.train(data, protocol.teacherRecipe(seed), teacherDir, listener, log);
          log.accept(String.format(Locale.ROOT, "teacher %d: %,d parameters, %d epochs (best %d), %.1f s", seed,
              t.parameters(), t.report().epochsRun(), t.report().bestEpoch(), t.report().wallTime().toMillis() / 1e3));
        }
        panel.trained.add(t);
        panel.teachers.add(TeacherArtifact.open(teacherDir));
      }
      return panel;
    } catch (RuntimeException e) {
      panel.close();
      throw e;
    }
  }

  int size() {
    return teachers.size();
  }

  TeacherArtifact teacher(int i) {
    return teachers.get(i);
  }

  TeacherTraining.Trained trained(int i) {
    return trained.get(i);
  }

  /**
   * The first teacher's representation of every user the target splits name, keyed by raw user id:
   * its embedding of the user's mapped id, or its penultimate layer for the user's mapped features
   * with every non-user input at the teacher's default.
   */
  FeatureLookup userRepresentations(RepresentationKind kind, FeatureMappingSpec mapping, CrossDomainData data) {
    TeacherArtifact teacher = teachers.get(0);
    Map<Long, Example> firstOfUser = new LinkedHashMap<>();
    for (Split split : List.of(Split.TARGET_TRAIN, Split.TARGET_VALID, Split.TARGET_TEST)) {
      try (ContainerReader<Example> in = data.open(split)) {
        for (Example e : in) {
          Long user = e.getIdFeatures().get(USER_ID);
          if (user != null && !firstOfUser.containsKey(user)) {
            firstOfUser.put(user, Example.newBuilder(e).build());
          }
        }
      }
    }
    Map<Long, float[]> table = new HashMap<>();
    if (kind == RepresentationKind.EMBEDDING || kind == RepresentationKind.EMBEDDING_AND_SCORES) {
      float[] embedding = teacher.model().embeddingTable(USER_ID);
      int dim = teacher.model().config().idInputs().stream().filter(i -> i.name().equals(USER_ID)).findFirst()
          .orElseThrow().embeddingDim();
      long rows = embedding.length / dim;
      for (Long user : firstOfUser.keySet()) {
        if (user >= 0 && user < rows - 1) { // the last row is the teacher's unknown id
          table.put(user, Arrays.copyOfRange(embedding, (int) (user * dim), (int) ((user + 1) * dim)));
        }
      }
    }
    if (kind != RepresentationKind.EMBEDDING) {
      List<Rule> rules = new ArrayList<>();
      for (Rule r : mapping.rules()) {
        rules.add(r.input().startsWith("user_") ? r : Rule.defaulted(r.input()));
      }
      FeatureMappingSpec userOnly = new FeatureMappingSpec(mapping.name() + "-users", mapping.version(),
          mapping.targetSchema(), mapping.teacher(), mapping.recordIdField(), rules);
      CompiledMapper mapper = FeatureMapping.compile(userOnly, teacher.signature(), Example.getClassSchema());
      MappedTable users = MappedTable.map(mapper, firstOfUser.values(), List.of(), n -> { });
      boolean penultimate = kind == RepresentationKind.PENULTIMATE;
      float[] values = penultimate ? teacher.model().represent(users.data()) : teacher.model().predict(users.data());
      int dim = penultimate ? teacher.model().config().trunkOutputWidth() : teacher.model().config().headCount();
      Map<String, Long> userOfExample = new HashMap<>();
      firstOfUser.forEach((user, example) -> userOfExample.put(example.getId(), user));
      for (int i = 0; i < users.data().rows(); i++) {
        Long user = userOfExample.get(users.exampleIds().get(i));
        float[] own = Arrays.copyOfRange(values, i * dim, (i + 1) * dim);
        float[] before = table.get(user);
        if (before == null && kind == RepresentationKind.EMBEDDING_AND_SCORES) {
          continue; // a user the teacher has no embedding of: the default for both parts
        }
        table.put(user, before == null ? own : concat(before, own));
      }
    }
    return FeatureLookup.standardised(USER_ID, table);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public void close() {
    teachers.forEach(TeacherArtifact::close);
    teachers.clear();
  }
}
