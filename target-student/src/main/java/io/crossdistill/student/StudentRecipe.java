package io.crossdistill.student;

import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Size and training settings of a student: id embeddings and an MLP trunk, minibatch Adam, early
 * stopping on the validation serving loss. The defaults were chosen on the validation split of the
 * Amazon movie → music protocol (control students at 10% and 100% of the target rows) and are used
 * unchanged on every data set.
 *
 * @param size embedding width and trunk widths
 * @param learningRate Adam's learning rate
 * @param batchSize rows per minibatch
 * @param maxEpochs most epochs
 * @param patience epochs without a lower validation loss before stopping
 * @param weightDecay L2 weight decay
 */
public record StudentRecipe(StudentSize size, float learningRate, int batchSize, int maxEpochs, int patience,
    float weightDecay) {

  /** Embeddings of 16, MLP 32-16, Adam 0.005, batch 256, up to 100 epochs, patience 3, no weight decay. */
  public static StudentRecipe defaults() {
    return new StudentRecipe(new StudentSize(16, List.of(32, 16)), 5e-3f, 256, 100, 3, 0f);
  }

  /** The same recipe with another epoch limit. */
  public StudentRecipe withMaxEpochs(int epochs) {
    return new StudentRecipe(size, learningRate, batchSize, epochs, patience, weightDecay);
  }

  /** The training config of one seed. */
  public TrainingConfig training(long seed, TrainingListener listener) {
    return TrainingConfig.builder().setSeed(seed).optLearningRate(learningRate).optBatchSize(batchSize)
        .optMaxEpochs(maxEpochs).optPatience(patience).optWeightDecay(weightDecay).optListener(listener).build();
  }

  /** The recipe as provenance hyper-parameters. */
  public Map<String, String> hyperParameters() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("embeddingDim", Integer.toString(size.embeddingDim()));
    map.put("hiddenWidths", size.hiddenWidths().toString());
    map.put("learningRate", Float.toString(learningRate));
    map.put("batchSize", Integer.toString(batchSize));
    map.put("maxEpochs", Integer.toString(maxEpochs));
    map.put("patience", Integer.toString(patience));
    map.put("weightDecay", Float.toString(weightDecay));
    return map;
  }
}
