package io.crossdistill.models.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The checks that bind an imported model file to its signature, each problem named by the JSON path of
 * the signature field or the model input/output it is about.
 */
final class ImportChecks {

  private ImportChecks() {
  }

  /** What the signature asks for that no imported model can take. */
  static List<String> signatureProblems(TeacherSignature signature) {
    List<String> problems = new ArrayList<>();
    List<TeacherInput> inputs = signature.getInputs();
    if (inputs.isEmpty()) {
      problems.add("$.inputs: the signature has no inputs");
    }
    for (int i = 0; i < inputs.size(); i++) {
      TeacherInput input = inputs.get(i);
      String path = "$.inputs[" + i + "]";
      switch (input.getType()) {
        case STRING -> problems.add(path + ".type: STRING input '" + input.getName()
            + "' cannot be passed to an imported model (map it to an ID or FLOAT input)");
        case ID -> {
          if (input.getCardinality() <= 0) {
            problems.add(path + ".cardinality: ID input '" + input.getName() + "' needs a positive cardinality");
          } else if (input.getDefaultValue() instanceof Long id && (id < 0 || id >= input.getCardinality())) {
            problems.add(path + ".defaultValue: id " + id + " outside [0, " + input.getCardinality() + ")");
          }
        }
        case FLOAT_VECTOR -> {
          if (input.getDimension() <= 0) {
            problems.add(path + ".dimension: FLOAT_VECTOR input '" + input.getName() + "' needs a positive dimension");
          }
        }
        default -> {
        }
      }
    }
    if (signature.getHeads().isEmpty()) {
      problems.add("$.heads: the signature has no heads");
    }
    return problems;
  }

  /** What an ONNX graph declares about its inputs and outputs that contradicts the layout's convention. */
  static List<String> onnxDeclaredProblems(Path file, TeacherInputLayout layout, int heads) {
    List<String> problems = new ArrayList<>();
    List<String> expectedNames = new ArrayList<>();
    List<long[]> expectedShapes = new ArrayList<>();
    List<OnnxJavaType> expectedTypes = new ArrayList<>();
    if (layout.numericWidth() > 0) {
      expectedNames.add(ImportFormat.NUMERIC_INPUT);
      expectedShapes.add(new long[] {-1, layout.numericWidth()});
      expectedTypes.add(OnnxJavaType.FLOAT);
    }
    if (layout.idCount() > 0) {
      expectedNames.add(ImportFormat.ID_INPUT);
      expectedShapes.add(new long[] {-1, layout.idCount()});
      expectedTypes.add(OnnxJavaType.INT64);
    }
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = environment.createSession(file.toString(), options)) {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      if (inputs.size() != expectedNames.size()) {
        problems.add("inputs: the model takes " + inputs.size() + " inputs " + inputs.keySet()
            + ", the signature's layout gives " + expectedNames.size() + ": " + describeConvention(layout, -1));
      }
      int i = 0;
      for (NodeInfo node : inputs.values()) {
        if (i < expectedNames.size()) {
          tensorProblems("inputs[" + i + "] '" + node.getName() + "' (" + expectedNames.get(i) + ")", node,
              expectedTypes.get(i), expectedShapes.get(i), problems);
        }
        i++;
      }
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      if (outputs.size() != 1) {
        problems.add("outputs: the model returns " + outputs.size() + " tensors " + outputs.keySet()
            + ", the convention is one float32 [batch, " + heads + "] tensor");
      }
      if (!outputs.isEmpty()) {
        NodeInfo first = outputs.values().iterator().next();
        tensorProblems("outputs[0] '" + first.getName() + "'", first, OnnxJavaType.FLOAT, new long[] {-1, heads},
            problems);
      }
    } catch (OrtException e) {
      problems.add("ONNX file cannot be read: " + e.getMessage());
    }
    return problems;
  }

  private static void tensorProblems(String what, NodeInfo node, OnnxJavaType type, long[] shape, List<String> problems) {
    if (!(node.getInfo() instanceof TensorInfo tensor)) {
      problems.add(what + ": not a tensor (" + node.getInfo() + ")");
      return;
    }
    if (tensor.type != type) {
      problems.add(what + ": dtype " + tensor.type + ", expected " + type);
    }
    long[] declared = tensor.getShape();
    if (declared.length != shape.length) {
      problems.add(what + ": rank " + declared.length + " " + Arrays.toString(declared) + ", expected [batch, "
          + shape[1] + "]");
    } else if (declared[1] >= 0 && declared[1] != shape[1]) {
      problems.add(what + ": width " + declared[1] + ", the signature needs " + shape[1]);
    }
  }

  /** Fills {@code rows} rows with every input's default value (0 where none). */
  static void fillDefaults(TeacherSignature signature, TeacherInputLayout layout, float[] numeric, long[] ids, int rows) {
    List<TeacherInput> inputs = signature.getInputs();
    for (int i = 0; i < inputs.size(); i++) {
      TeacherInputLayout.Slot slot = layout.inputs().get(i);
      Object value = inputs.get(i).getDefaultValue();
      for (int row = 0; row < rows; row++) {
        switch (slot.buffer()) {
          case NUMERIC -> {
            for (int k = 0; k < slot.width(); k++) {
              float v = value instanceof Float f ? f
                  : value instanceof List<?> list && k < list.size() && list.get(k) instanceof Float f2 ? f2 : 0f;
              numeric[row * layout.numericWidth() + slot.offset() + k] = v;
            }
          }
          case ID -> ids[row * layout.idCount() + slot.offset()] = value instanceof Long id ? id : 0L;
          default -> {
          }
        }
      }
    }
  }

  /** The tensors the convention passes for a layout, e.g. {@code numeric float32 [batch, 5], ids int64 [batch, 2]}. */
  static String describeConvention(TeacherInputLayout layout, int rows) {
    String batch = rows < 0 ? "batch" : Integer.toString(rows);
    List<String> parts = new ArrayList<>();
    if (layout.numericWidth() > 0) {
      parts.add(ImportFormat.NUMERIC_INPUT + " float32 [" + batch + ", " + layout.numericWidth() + "]");
    }
    if (layout.idCount() > 0) {
      parts.add(ImportFormat.ID_INPUT + " int64 [" + batch + ", " + layout.idCount() + "]");
    }
    return String.join(", ", parts);
  }
}
