package io.crossdistill.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hyper-parameters of a training run: minibatch Adam with an optional L2 weight decay, early stopping on
 * the validation loss, and the seed that makes the run reproducible. Build one with {@link #builder()}:
 * the seed is required ({@code setSeed}), everything else has a default ({@code optX}).
 *
 * @param seed seeds minibatch shuffles and the engine's random generator
 * @param learningRate Adam's learning rate
 * @param batchSize rows per minibatch
 * @param maxEpochs the most epochs to run
 * @param patience epochs without a validation improvement before training stops
 * @param weightDecay L2 weight decay added by the optimizer (0 for none)
 * @param listener receives progress
 */
public record TrainingConfig(long seed, float learningRate, int batchSize, int maxEpochs, int patience,
    float weightDecay, TrainingListener listener) {

  /** Validates every field, listing all problems at once. */
  public TrainingConfig {
    Objects.requireNonNull(listener, "listener");
    List<String> problems = new ArrayList<>();
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      problems.add("learningRate must be finite and > 0, got " + learningRate);
    }
    if (batchSize <= 0) {
      problems.add("batchSize must be positive, got " + batchSize);
    }
    if (maxEpochs <= 0) {
      problems.add("maxEpochs must be positive, got " + maxEpochs);
    }
    if (patience <= 0) {
      problems.add("patience must be positive, got " + patience);
    }
    if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
      problems.add("weightDecay must be finite and >= 0, got " + weightDecay);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid training config: " + String.join("; ", problems));
    }
  }

  /** A builder with defaults: learning rate 0.001, batch 256, 20 epochs, patience 3, no weight decay. */
  public static Builder builder() {
    return new Builder();
  }

  /** The hyper-parameters as strings, for {@code Provenance.hyperParameters}. */
  public Map<String, String> hyperParameters() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("optimizer", "adam");
    map.put("learningRate", Float.toString(learningRate));
    map.put("batchSize", Integer.toString(batchSize));
    map.put("maxEpochs", Integer.toString(maxEpochs));
    map.put("patience", Integer.toString(patience));
    map.put("weightDecay", Float.toString(weightDecay));
    map.put("seed", Long.toString(seed));
    return map;
  }

  /** Builds a {@link TrainingConfig}; {@link #setSeed} is required. */
  public static final class Builder {

    private Long seed;
    private float learningRate = 1e-3f;
    private int batchSize = 256;
    private int maxEpochs = 20;
    private int patience = 3;
    private float weightDecay;
    private TrainingListener listener = TrainingListener.NONE;

    private Builder() {
    }

    /** The seed of shuffles and engine randomness (required). */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adam's learning rate (default 0.001). */
    public Builder optLearningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** Rows per minibatch (default 256). */
    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** The most epochs to run (default 20). */
    public Builder optMaxEpochs(int maxEpochs) {
      this.maxEpochs = maxEpochs;
      return this;
    }

    /** Epochs without validation improvement before stopping (default 3). */
    public Builder optPatience(int patience) {
      this.patience = patience;
      return this;
    }

    /** L2 weight decay (default 0). */
    public Builder optWeightDecay(float weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Progress listener (default: none). */
    public Builder optListener(TrainingListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The validated config.
     *
     * @throws IllegalArgumentException when the seed is missing or a value is out of range
     */
    public TrainingConfig build() {
      if (seed == null) {
        throw new IllegalArgumentException("invalid training config: seed is required (setSeed)");
      }
      return new TrainingConfig(seed, learningRate, batchSize, maxEpochs, patience, weightDecay, listener);
    }
  }
}
