package io.crossdistill.reliability;

import io.crossdistill.models.ModelException;
import io.crossdistill.teacher.TeacherFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The source-teacher tests' fixture teacher ({@link TeacherFixture}: tiny, real DJL, seeded), trained once
 * per JVM and copied into each service's teachers root.
 */
public final class FixtureTeacher {

  public static final String DIR = "video-v1";
  public static final String TEACHER_ID = TeacherFixture.TEACHER_ID;

  private static Path trained;

  private FixtureTeacher() {
  }

  public static synchronized void copyInto(Path teachersRoot) throws IOException {
    if (trained == null) {
      Path dir = Files.createTempDirectory("crossdistill-reliability-teacher").resolve(DIR);
      try {
        TeacherFixture.write(dir, 7);
      } catch (ModelException e) {
        throw new IOException("cannot write the fixture teacher: " + e.getMessage(), e);
      }
      trained = dir;
    }
    Path target = teachersRoot.resolve(DIR);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.walk(trained)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(trained.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
