package io.crossdistill.models.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats a teacher can be imported from, with the DJL engine that runs each. */
public enum ImportFormat {
  /** A TorchScript module ({@code torch.jit.trace} / {@code torch.jit.script} then {@code save}). */
  TORCHSCRIPT("model.pt", "PyTorch"),
  /** An ONNX graph ({@code torch.onnx.export} or any other exporter). */
  ONNX("model.onnx", "OnnxRuntime");

  /** File name prefix inside an artifact directory. */
  static final String PREFIX = "model";
  /** Name of the float input tensor. */
  public static final String NUMERIC_INPUT = "numeric";
  /** Name of the id input tensor. */
  public static final String ID_INPUT = "ids";

  private final String fileName;
  private final String engine;

  ImportFormat(String fileName, String engine) {
    this.fileName = fileName;
    this.engine = engine;
  }

  /** The model's file name inside a teacher directory. */
  public String fileName() {
    return fileName;
  }

  /** The DJL engine that runs it. */
  public String engine() {
    return engine;
  }

  /**
   * Recognises a model file: {@code .onnx} is ONNX; {@code .pt}, {@code .pth}, {@code .torchscript} or
   * any zip archive (TorchScript's container) is TorchScript.
   *
   * @throws IllegalArgumentException when the file is neither
   */
  public static ImportFormat ofFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return ONNX;
    }
    if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript") || isZip(file)) {
      return TORCHSCRIPT;
    }
    throw new IllegalArgumentException(file + ": not a TorchScript (.pt, a zip archive) or ONNX (.onnx) file");
  }

  private static boolean isZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }
}
