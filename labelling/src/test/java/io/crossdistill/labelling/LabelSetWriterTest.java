package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSetWriterTest {

  private static final LabelSetKey KEY = new LabelSetKey("tiny", "c0ffee", "music-to-tiny@3", "music-tiny@2",
      "ab".repeat(32), LabelSetKey.runHash(new RunStamp(Map.of(), 0, "", "test")));

  @Test
  void aSetBeingWritten_refusesASecondWriter_untilTheFirstLetsGo(@TempDir Path dir) {
    LabelSetWriter first = new LabelSetWriter(dir, KEY, 10);

    assertThatThrownBy(() -> new LabelSetWriter(dir, KEY, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("being written by another job or process")
        .hasMessageContaining(dir.toString());

    first.abandon();
    LabelSetWriter second = new LabelSetWriter(dir, KEY, 10);
    second.finish();
    second.removeCheckpoint();
    assertThat(Files.exists(dir.resolve(LabelSetWriter.LOCK))).as("a complete set keeps no lock file").isFalse();
  }

  @Test
  void runsWithAnotherSeedOrHyperParameters_makeAnotherSet() {
    RunStamp run = new RunStamp(Map.of("fitSampleFraction", "0.05"), 1, "", "test");
    String id = new LabelSetKey("t", "h", "m@1", "a@2", "in", LabelSetKey.runHash(run)).id();

    assertThat(new LabelSetKey("t", "h", "m@1", "a@2", "in", LabelSetKey.runHash(
        new RunStamp(Map.of("fitSampleFraction", "0.05"), 2, "", "test"))).id()).isNotEqualTo(id);
    assertThat(new LabelSetKey("t", "h", "m@1", "a@2", "in", LabelSetKey.runHash(
        new RunStamp(Map.of("fitSampleFraction", "1.0"), 1, "", "test"))).id()).isNotEqualTo(id);
    assertThat(new LabelSetKey("t", "h", "m@1", "a@2", "in", LabelSetKey.runHash(
        run.withInput("another input hash is the key's own part"))).id()).isEqualTo(id);
  }
}
