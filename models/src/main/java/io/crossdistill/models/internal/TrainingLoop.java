package io.crossdistill.models.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingReport;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Minibatch Adam with early stopping. The run trains gradient-tracking copies of the model's parameters
 * in a training sub-manager (which also owns Adam's state), so the model is untouched until the run ends
 * and then receives the best epoch's values; every step runs in its own sub-manager, closed before the
 * next step. Runs are serialized JVM-wide because the engine allows one gradient collector at a time and
 * its random seed is global.
 */
public final class TrainingLoop {

  private static final String ENGINE = "PyTorch";
  private static final Object ENGINE_LOCK = new Object();

  private final NetworkConfig config;
  private final TrainingConfig training;

  /** A loop for one network shape and one set of hyper-parameters. */
  public TrainingLoop(NetworkConfig config, TrainingConfig training) {
    this.config = config;
    this.training = training;
  }

  /**
   * Trains and then writes the kept parameters into {@code modelParameters}.
   *
   * @param modelManager the model's manager, parent of the training sub-manager
   * @param validation the early-stopping table, if any
   */
  public TrainingReport run(NetworkParameters modelParameters, NDManager modelManager, Table train, Optional<Table> validation) {
    synchronized (ENGINE_LOCK) {
      long start = System.nanoTime();
      Engine engine = Engine.getEngine(ENGINE);
      engine.setRandomSeed((int) (training.seed() ^ (training.seed() >>> 32)));
      try (NDManager trainManager = modelManager.newSubManager()) {
        NetworkParameters parameters = modelParameters.copyTo(trainManager, true);
        Optimizer adam = Adam.builder()
            .optLearningRateTracker(Tracker.fixed(training.learningRate()))
            .optWeightDecays(training.weightDecay())
            .build();
        MaskedLoss loss = new MaskedLoss(config, trainManager);
        SplittableRandom shuffleSeeds = new SplittableRandom(training.seed());
        List<EpochLoss> epochs = new ArrayList<>();
        float[][] best = null;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= training.maxEpochs(); epoch++) {
          int[] order = TabularData.permutation(train.rows(), shuffleSeeds.nextLong());
          EpochLoss result = runEpoch(epoch, engine, adam, loss, parameters, trainManager, train, order);
          if (validation.isPresent()) {
            Table v = validation.get();
            float[] outputs = new float[v.rows() * config.headCount()];
            BatchPredictor.predict(config, parameters, trainManager, v.numeric(), v.ids(), v.rows(), outputs);
            result = new EpochLoss(epoch, result.steps(), result.trainLoss(),
                MaskedLoss.evaluate(config, outputs, v.targets(), v.rows()));
          }
          epochs.add(result);
          training.listener().onEpoch(result);
          if (validation.isEmpty()) {
            bestEpoch = epoch;
          } else if (result.validationLoss() < bestLoss) {
            bestLoss = result.validationLoss();
            bestEpoch = epoch;
            best = parameters.snapshot();
          } else if (epoch - bestEpoch >= training.patience()) {
            stoppedEarly = epoch < training.maxEpochs();
            break;
          }
        }
        modelParameters.restore(best != null ? best : parameters.snapshot());
        return new TrainingReport(epochs.size(), bestEpoch, epochs, stoppedEarly, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  private EpochLoss runEpoch(int epoch, Engine engine, Optimizer adam, MaskedLoss loss, NetworkParameters parameters,
      NDManager trainManager, Table train, int[] order) {
    int batchSize = Math.min(training.batchSize(), Math.max(1, train.rows()));
    int heads = config.headCount();
    BatchBuffers buffers = new BatchBuffers(config, batchSize);
    float[] targets = new float[batchSize * heads];
    float[] coefficients = new float[batchSize * heads];
    double lossSum = 0;
    int steps = 0;
    for (int from = 0; from < train.rows(); from += batchSize) {
      int count = Math.min(batchSize, train.rows() - from);
      buffers.gather(train.numeric(), train.ids(), order, from, count);
      loss.prepare(train.targets(), order, from, count, targets, coefficients);
      float stepLoss;
      try (NDManager step = trainManager.newSubManager()) {
        Shape shape = new Shape(count, heads);
        NDArray targetTensor = step.create(FloatBuffer.wrap(targets, 0, count * heads), shape, DataType.FLOAT32);
        NDArray coefficientTensor = step.create(FloatBuffer.wrap(coefficients, 0, count * heads), shape, DataType.FLOAT32);
        NDArray numeric = buffers.numericTensor(step);
        NDArray[] ids = buffers.idTensors(step);
        NDArray lossValue;
        try (GradientCollector collector = engine.newGradientCollector()) {
          NDArray outputs = ForwardPass.forward(config, parameters, numeric, ids);
          lossValue = loss.loss(outputs, targetTensor, coefficientTensor);
          collector.backward(lossValue);
        }
        stepLoss = lossValue.getFloat();
        for (int i = 0; i < parameters.size(); i++) {
          NDArray weight = parameters.get(i);
          try (NDArray gradient = weight.getGradient()) {
            adam.update(parameters.name(i), weight, gradient);
            // the engine accumulates gradients across backward passes; clear them for the next step
            gradient.muli(0);
          }
        }
      }
      steps++;
      lossSum += stepLoss;
      training.listener().onStep(epoch, steps, stepLoss);
    }
    return new EpochLoss(epoch, steps, steps == 0 ? Double.NaN : lossSum / steps, Double.NaN);
  }
}
