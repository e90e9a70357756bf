package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of DESIGN.md, checked over every module's sources: only models/ imports DJL, only
 * source-teacher/ imports Quarkus, nothing depends on the demo, and no module reaches into another
 * module's internal package (so target-student, for one, uses only the mapper's and the aligner's
 * public APIs).
 */
class ModuleBoundariesTest {

  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern DJL = Pattern.compile("^import\\s+(static\\s+)?ai\\.djl\\.", Pattern.MULTILINE);
  private static final Pattern QUARKUS = Pattern.compile("^import\\s+(static\\s+)?io\\.quarkus\\.", Pattern.MULTILINE);
  private static final Pattern DEMO = Pattern.compile("^import\\s+(static\\s+)?io\\.crossdistill\\.demo[.;]",
      Pattern.MULTILINE);
  private static final Pattern INTERNAL = Pattern.compile(
      "^import\\s+(static\\s+)?io\\.crossdistill\\.(\\w+)\\.internal\\.", Pattern.MULTILINE);

  @Test
  void onlyTheModelsModule_importsDjl() {
    assertThat(violations(DJL, "models")).as("files outside models/ that import ai.djl").isEmpty();
  }

  @Test
  void onlyTheSourceTeacherModule_importsQuarkus() {
    assertThat(violations(QUARKUS, "source-teacher")).as("files outside source-teacher/ that import io.quarkus")
        .isEmpty();
  }

  @Test
  void onlyTheDemoModule_importsTheDemo() {
    assertThat(violations(DEMO, "demo")).as("files outside demo/ that import io.crossdistill.demo").isEmpty();
  }

  @Test
  void noModule_importsAnotherModulesInternalPackage() {
    List<String> found = new ArrayList<>();
    for (Path file : javaSources()) {
      String text = read(file);
      String ownPackage = packageRoot(text);
      var m = INTERNAL.matcher(text);
      while (m.find()) {
        if (!m.group(2).equals(ownPackage)) {
          found.add(ROOT.relativize(file) + " imports io.crossdistill." + m.group(2) + ".internal");
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theScan_seesTheSourcesOfEveryModule() {
    assertThat(javaSources()).extracting(p -> ROOT.relativize(p).getName(0).toString())
        .contains("schemas", "datasets", "feature-mapper", "task-aligner", "models", "labelling",
            "source-teacher", "target-student", "demo");
  }

  private static List<String> violations(Pattern pattern, String allowedModule) {
    List<String> found = new ArrayList<>();
    for (Path file : javaSources()) {
      String module = ROOT.relativize(file).getName(0).toString();
      if (!module.equals(allowedModule) && pattern.matcher(read(file)).find()) {
        found.add(ROOT.relativize(file).toString());
      }
    }
    return found;
  }

  private static String packageRoot(String source) {
    var m = Pattern.compile("^package\\s+io\\.crossdistill\\.(\\w+)", Pattern.MULTILINE).matcher(source);
    return m.find() ? m.group(1) : "";
  }

  private static List<Path> javaSources() {
    try (Stream<Path> paths = Files.walk(ROOT, 12)) {
      return paths.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/"))
          .filter(p -> !p.toString().contains("/target/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
