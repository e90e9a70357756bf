package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards the saved-model format: network.json must stay readable by older and newer builds. */
class NetworkJsonGoldenTest {

  @TempDir
  Path dir;

  private static NetworkConfig goldenConfig() {
    return new NetworkConfig(List.of(new IdInput("artist", 50, 8)), 3, List.of(16, 8),
        List.of(HeadSpec.serving("play", Objective.BINARY_CROSS_ENTROPY),
            HeadSpec.auxiliary("teacher_watch", Objective.SOFT_CROSS_ENTROPY, 0.5f, 2f)));
  }

  private static String golden() throws IOException {
    try (InputStream in = NetworkJsonGoldenTest.class.getResourceAsStream("/golden/network.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void save_writesTheGoldenNetworkJson() throws IOException, ModelException {
    try (MultiTaskModel model = MultiTaskModel.create(goldenConfig(), 1)) {
      model.save(dir, Provenance.newBuilder().build());
    }
    String written = Files.readString(dir.resolve("network.json"));
    if (Boolean.getBoolean("crossdistill.updateGolden")) {
      Files.writeString(Path.of("src/test/resources/golden/network.json"), written);
    }
    assertThat(written).isEqualTo(golden());
  }

  @Test
  void load_readsTheGoldenNetworkJson() throws IOException, ModelException {
    try (MultiTaskModel model = MultiTaskModel.create(goldenConfig(), 1)) {
      model.save(dir, Provenance.newBuilder().build());
    }
    Files.writeString(dir.resolve("network.json"), golden());
    try (MultiTaskModel loaded = MultiTaskModel.load(dir)) {
      assertThat(loaded.config()).isEqualTo(goldenConfig());
    }
  }

  @Test
  void save_ofTheSameModelTwice_writesTheSameBytes() throws ModelException {
    try (MultiTaskModel first = MultiTaskModel.create(goldenConfig(), 1);
        MultiTaskModel second = MultiTaskModel.create(goldenConfig(), 1)) {
      first.save(dir.resolve("a"), Provenance.newBuilder().build());
      second.save(dir.resolve("b"), Provenance.newBuilder().build());
    }
    assertThat(ContentHash.ofDirectory(dir.resolve("a"), List.of()))
        .isEqualTo(ContentHash.ofDirectory(dir.resolve("b"), List.of()));
  }
}
