package io.crossdistill.datasets.internal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.v1.Example;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the generative story's two promises on the latent scores themselves: the video view of a
 * music event predicts music clicks (a useful teacher), yet worse than the music world's own score
 * (what a music model with plenty of data could learn).
 */
class SimulatedWorldTest {

  @Test
  void teacherView_predictsMusicClicks_butWorseThanTheMusicScore() {
    SimulatorConfig config = SimulatorConfig.builder().optSourceEvents(2).optTargetEvents(20_000).build();
    SimulatedWorld world = new SimulatedWorld(config);
    TargetEvents events = new TargetEvents(world);
    List<double[]> teacher = new ArrayList<>();
    List<double[]> music = new ArrayList<>();
    for (int k = 0; k < config.targetEvents(); k++) {
      Example e = events.event(k, new ExampleBuilder("e" + k, "music"));
      int u = e.getIdFeatures().get("user_id").intValue();
      int j = e.getIdFeatures().get("item_id").intValue();
      double click = e.getLabels().get("click");
      teacher.add(new double[] {world.teacherViewAffinity(u, j), click});
      music.add(new double[] {world.targetAffinity(u, j), click});
    }
    double teacherAuc = auc(teacher);
    double musicAuc = auc(music);
    assertThat(teacherAuc).isGreaterThan(0.6);
    assertThat(musicAuc - teacherAuc).isGreaterThan(0.02);
  }

  @Test
  void worlds_doNotDependOnTheNumberOfEvents() {
    SimulatedWorld a = new SimulatedWorld(SimulatorConfig.builder().optTargetEvents(100).build());
    SimulatedWorld b = new SimulatedWorld(SimulatorConfig.builder().optTargetEvents(9000).build());
    assertThat(a.targetAffinity(5, 7)).isEqualTo(b.targetAffinity(5, 7));
    assertThat(a.videoGenreOf(3)).isEqualTo(b.videoGenreOf(3));
  }

  /** Area under the ROC curve of (score, 0/1 label) pairs, ties counted half. */
  static double auc(List<double[]> pairs) {
    pairs.sort(Comparator.comparingDouble(p -> p[0]));
    double positives = 0;
    double rankSum = 0;
    int n = pairs.size();
    int k = 0;
    while (k < n) {
      int end = k;
      while (end + 1 < n && pairs.get(end + 1)[0] == pairs.get(k)[0]) {
        end++;
      }
      double midRank = (k + end) / 2.0 + 1;
      for (int m = k; m <= end; m++) {
        if (pairs.get(m)[1] > 0.5) {
          positives++;
          rankSum += midRank;
        }
      }
      k = end + 1;
    }
    double negatives = n - positives;
    return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
  }
}
