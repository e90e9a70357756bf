package io.crossdistill.teacher.cli;

import io.crossdistill.models.ModelException;
import io.crossdistill.models.SignatureMismatchException;
import io.crossdistill.models.TeacherImport;
import io.crossdistill.v1.TeacherSignature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code teacher import}: a TorchScript or ONNX file plus its signature become a sealed teacher. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import a TorchScript (.pt) or ONNX (.onnx) teacher with its signature JSON (see docs/teachers.md).")
final class ImportCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "TorchScript or ONNX file")
  Path model;

  @Option(names = "--signature", required = true, paramLabel = "JSON", description = "TeacherSignature in Avro JSON")
  Path signature;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "teacher directory to write")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws ModelException {
    PrintWriter log = spec.commandLine().getOut();
    TeacherSignature given = TeacherImport.readSignature(signature);
    try {
      TeacherSignature sealed = TeacherImport.importModel(model, given, out);
      log.printf("imported teacher '%s': %d inputs, %d heads %s%n", sealed.getTeacherId(), sealed.getInputs().size(),
          sealed.getHeads().size(), sealed.getHeads().stream().map(h -> h.getName()).toList());
      log.println("artifact: " + out.toAbsolutePath() + " (content hash " + sealed.getContentHash() + ")");
      return 0;
    } catch (SignatureMismatchException e) {
      spec.commandLine().getErr().println("crossdistill: " + e.getMessage());
      return 2;
    }
  }
}
