package io.crossdistill.models;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Learnable synthetic tables for tests: 6 Gaussian numeric features and two id columns; head 0 is a binary
 * label from a noisy linear rule, head 1 a noisy linear regression target.
 */
final class SyntheticTables {

  static final int NUMERIC = 6;
  static final int USERS = 20;
  static final int ITEMS = 10;
  private static final float[] CLICK_WEIGHTS = {1.5f, -1.0f, 0.8f, 0f, 0.5f, -0.7f};
  private static final float[] VALUE_WEIGHTS = {0.5f, 0.3f, -0.4f, 1.0f, 0f, 0.2f};

  private SyntheticTables() {
  }

  /** A config fitting these tables: two heads (click BCE, value MSE). */
  static NetworkConfig config(List<Integer> hidden) {
    return new NetworkConfig(
        List.of(new IdInput("user", USERS, 4), new IdInput("item", ITEMS, 3)),
        NUMERIC, hidden,
        List.of(HeadSpec.serving("click", Objective.BINARY_CROSS_ENTROPY), HeadSpec.serving("value", Objective.MSE)));
  }

  /** {@code rows} rows drawn from {@code seed}; {@code labelNoise} is the std of the click logit noise. */
  static TabularData table(int rows, long seed, double labelNoise) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] numeric = new float[rows * NUMERIC];
    long[] ids = new long[rows * 2];
    float[] targets = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      double click = 0;
      double value = 0;
      for (int c = 0; c < NUMERIC; c++) {
        float x = (float) random.nextGaussian();
        numeric[r * NUMERIC + c] = x;
        click += CLICK_WEIGHTS[c] * x;
        value += VALUE_WEIGHTS[c] * x;
      }
      int user = random.nextInt(USERS);
      int item = random.nextInt(ITEMS);
      ids[r * 2] = user;
      ids[r * 2 + 1] = item;
      click += (user % 4 - 1.5) * 0.8;
      value += (item % 3 - 1) * 0.5;
      targets[r * 2] = click + random.nextGaussian() * labelNoise > 0 ? 1f : 0f;
      targets[r * 2 + 1] = (float) (value + random.nextGaussian() * 0.1);
    }
    return new TabularData(rows, NUMERIC, numeric, 2, ids, 2, targets);
  }
}
