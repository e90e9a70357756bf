package io.crossdistill.datasets.internal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.v1.Example;
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
    float[] teacher = new float[config.targetEvents()];
    float[] music = new float[config.targetEvents()];
    float[] clicks = new float[config.targetEvents()];
    for (int k = 0; k < config.targetEvents(); k++) {
      Example e = events.event(k, new ExampleBuilder("e" + k, "music"));
      int u = e.getIdFeatures().get("user_id").intValue();
      int j = e.getIdFeatures().get("item_id").intValue();
      clicks[k] = e.getLabels().get("click");
      teacher[k] = (float) world.teacherViewAffinity(u, j);
      music[k] = (float) world.targetAffinity(u, j);
    }
    double teacherAuc = Metrics.auc(teacher, clicks);
    double musicAuc = Metrics.auc(music, clicks);
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
}
