package io.crossdistill.models;

import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The shape of a multi-task network: one embedding table per id input, concatenated after the numeric
 * inputs, an MLP trunk of {@code hiddenWidths} ReLU layers, and one linear head per task. Inputs arrive in
 * the teacher layout (see {@link io.crossdistill.schemas.TeacherInputLayout}): {@code numericWidth} floats
 * and one long per id input, per row; outputs are one float per head, in head order.
 *
 * @param idInputs the id inputs, in column order of the id buffer
 * @param numericWidth number of float columns
 * @param hiddenWidths widths of the trunk's hidden layers (may be empty: a linear model)
 * @param heads the heads, in output column order
 */
public record NetworkConfig(List<IdInput> idInputs, int numericWidth, List<Integer> hiddenWidths, List<HeadSpec> heads) {

  /** Copies the lists and validates the whole config, listing every problem at once. */
  public NetworkConfig {
    idInputs = List.copyOf(Objects.requireNonNull(idInputs, "idInputs"));
    hiddenWidths = List.copyOf(Objects.requireNonNull(hiddenWidths, "hiddenWidths"));
    heads = List.copyOf(Objects.requireNonNull(heads, "heads"));
    List<String> problems = new ArrayList<>();
    if (numericWidth < 0) {
      problems.add("$.numericWidth: must be >= 0, got " + numericWidth);
    }
    if (numericWidth <= 0 && idInputs.isEmpty()) {
      problems.add("$: a network needs at least one numeric column or one id input");
    }
    Set<String> idNames = new HashSet<>();
    for (int i = 0; i < idInputs.size(); i++) {
      if (!idNames.add(idInputs.get(i).name())) {
        problems.add("$.idInputs[" + i + "].name: duplicate name '" + idInputs.get(i).name() + "'");
      }
    }
    for (int i = 0; i < hiddenWidths.size(); i++) {
      if (hiddenWidths.get(i) <= 0) {
        problems.add("$.hiddenWidths[" + i + "]: must be positive, got " + hiddenWidths.get(i));
      }
    }
    if (heads.isEmpty()) {
      problems.add("$.heads: a network needs at least one head");
    }
    Set<String> headNames = new HashSet<>();
    for (int i = 0; i < heads.size(); i++) {
      if (!headNames.add(heads.get(i).name())) {
        problems.add("$.heads[" + i + "].name: duplicate name '" + heads.get(i).name() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid network config: " + String.join("; ", problems));
    }
  }

  /**
   * The network that consumes a teacher signature's inputs and predicts its heads: FLOAT and FLOAT_VECTOR
   * inputs become numeric columns, ID inputs get an embedding table of {@code embeddingDim} each,
   * BINARY_LOGIT heads are trained with {@link Objective#BINARY_CROSS_ENTROPY} and REGRESSION heads with
   * {@link Objective#MSE}; all heads are served with weight 1.
   *
   * @throws IllegalArgumentException listing every STRING input (networks take no free text) and any
   *     other problem
   */
  public static NetworkConfig fromSignature(TeacherSignature signature, int embeddingDim, List<Integer> hiddenWidths) {
    Objects.requireNonNull(signature, "signature");
    List<String> problems = new ArrayList<>();
    List<IdInput> ids = new ArrayList<>();
    int numeric = 0;
    List<TeacherInput> inputs = signature.getInputs();
    for (int i = 0; i < inputs.size(); i++) {
      TeacherInput input = inputs.get(i);
      InputType type = input.getType();
      switch (type) {
        case FLOAT -> numeric++;
        case FLOAT_VECTOR -> numeric += Math.max(1, input.getDimension());
        case ID -> {
          if (input.getCardinality() <= 0) {
            problems.add("$.inputs[" + i + "].cardinality: ID input '" + input.getName() + "' needs a positive cardinality");
          } else {
            ids.add(new IdInput(input.getName(), input.getCardinality(), embeddingDim));
          }
        }
        case STRING -> problems.add("$.inputs[" + i + "].type: STRING input '" + input.getName()
            + "' is not supported by multi-task networks (map it to an ID or FLOAT input)");
        default -> problems.add("$.inputs[" + i + "].type: unknown input type " + type);
      }
    }
    List<HeadSpec> heads = new ArrayList<>();
    for (TeacherHead head : signature.getHeads()) {
      Objective objective = head.getKind() == HeadKind.BINARY_LOGIT ? Objective.BINARY_CROSS_ENTROPY : Objective.MSE;
      heads.add(HeadSpec.serving(head.getName(), objective));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("signature '" + signature.getTeacherId() + "' cannot be modelled: "
          + String.join("; ", problems));
    }
    return new NetworkConfig(ids, numeric, hiddenWidths, heads);
  }

  /** Number of heads, i.e. output columns. */
  public int headCount() {
    return heads.size();
  }

  /** Number of id inputs, i.e. id columns per row. */
  public int idCount() {
    return idInputs.size();
  }

  /** Width of the trunk's input: numeric columns plus all embedding widths. */
  public int trunkInputWidth() {
    int width = numericWidth;
    for (IdInput id : idInputs) {
      width += id.embeddingDim();
    }
    return width;
  }

  /** Width of the trunk's output, the input of every head. */
  public int trunkOutputWidth() {
    return hiddenWidths.isEmpty() ? trunkInputWidth() : hiddenWidths.get(hiddenWidths.size() - 1);
  }

  /** Number of trainable floats: embedding tables, trunk weights and biases, head weights and biases. */
  public long parameterCount() {
    long count = 0;
    for (IdInput id : idInputs) {
      count += (long) id.cardinality() * id.embeddingDim();
    }
    long fanIn = trunkInputWidth();
    for (int width : hiddenWidths) {
      count += fanIn * width + width;
      fanIn = width;
    }
    return count + fanIn * heads.size() + heads.size();
  }

  /** Trainable floats in the embedding tables. */
  public long embeddingParameterCount() {
    long count = 0;
    for (IdInput id : idInputs) {
      count += (long) id.cardinality() * id.embeddingDim();
    }
    return count;
  }

  /** Trainable floats outside the embedding tables: trunk and heads. */
  public long denseParameterCount() {
    return parameterCount() - embeddingParameterCount();
  }

  /** The output column of the head with this name, if any. */
  public OptionalInt headIndex(String name) {
    for (int i = 0; i < heads.size(); i++) {
      if (heads.get(i).name().equals(name)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** The heads that are served, in output order (auxiliary distillation heads left out). */
  public List<HeadSpec> servingHeads() {
    return heads.stream().filter(HeadSpec::serving).toList();
  }
}
