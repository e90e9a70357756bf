package io.crossdistill.teacher.packaged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The artifact {@code mvn package} built, as Quarkus recorded it in {@code quarkus-artifact.properties}:
 * the runner jar ({@code java ... -jar quarkus-run.jar}) or, under {@code -Pnative}, the native
 * executable. For tests that start it themselves, e.g. to see a start fail.
 */
final class PackagedArtifact {

  private PackagedArtifact() {
  }

  /** The command line that starts the artifact with these {@code -Dkey=value} settings. */
  static List<String> command(List<String> settings) {
    Path target = Path.of(System.getProperty("crossdistill.build.directory", "target"));
    Properties artifact = new Properties();
    try (InputStream in = Files.newInputStream(target.resolve("quarkus-artifact.properties"))) {
      artifact.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("no packaged artifact under " + target + " (run mvn package first)", e);
    }
    Path path = target.resolve(artifact.getProperty("path"));
    String type = artifact.getProperty("type");
    List<String> command = new ArrayList<>();
    if ("native".equals(type)) {
      command.add(path.toString());
      command.addAll(settings);
    } else if ("jar".equals(type)) {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(settings);
      command.add("-jar");
      command.add(path.toString());
    } else {
      throw new IllegalStateException("the packaged artifact is '" + type + "', neither a runner jar nor a native "
          + "executable: run mvn package (or mvn -Pnative package)");
    }
    return command;
  }
}
