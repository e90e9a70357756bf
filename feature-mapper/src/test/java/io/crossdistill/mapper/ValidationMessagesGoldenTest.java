package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the messages people read: every problem of a broken spec, with its pointer, in spec
 * order. To accept a deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class ValidationMessagesGoldenTest {

  @Test
  void validate_specWithManySemanticErrors_listsEveryProblemWithPointer() {
    FeatureMappingSpec spec = MappingJson.read(resource("/golden/invalid-semantics.json"));

    ValidationResult result = FeatureMapping.validate(spec, VideoTeacher.signature(), Example.getClassSchema());

    assertGolden("invalid-semantics.txt", render(result.errors(), result.warnings()));
  }

  @Test
  void read_specWithStructuralErrors_listsEveryProblemWithPointer() {
    MappingValidationException e = catchThrowableOfType(MappingValidationException.class,
        () -> MappingJson.read(resource("/golden/invalid-structure.json")));

    assertGolden("invalid-structure.txt", render(e.errors(), e.warnings()));
  }

  @Test
  void compile_invalidSpec_throwsExceptionCarryingTheSameErrors() {
    FeatureMappingSpec spec = MappingJson.read(resource("/golden/invalid-semantics.json"));
    ValidationResult result = FeatureMapping.validate(spec, VideoTeacher.signature(), Example.getClassSchema());

    MappingValidationException e = catchThrowableOfType(MappingValidationException.class,
        () -> FeatureMapping.compile(spec, VideoTeacher.signature(), Example.getClassSchema()));

    assertThat(e.errors()).isEqualTo(result.errors());
    assertThat(e.getMessage()).startsWith(result.errors().size() + " error(s)");
  }

  @Test
  void read_malformedJson_reportsLineAndColumn() {
    MappingValidationException e = catchThrowableOfType(MappingValidationException.class,
        () -> MappingJson.read("{\"name\": \"x\",\n \"version\": }"));

    assertThat(e.errors()).singleElement().asString().startsWith("(root): not valid JSON at line 2, column");
  }

  private static String render(List<Problem> errors, List<Problem> warnings) {
    return errors.stream().map(p -> "error   " + p).collect(Collectors.joining("\n", "", "\n"))
        + warnings.stream().map(p -> "warning " + p).collect(Collectors.joining("\n", "", warnings.isEmpty() ? "" : "\n"));
  }

  private static void assertGolden(String name, String actual) {
    Path file = Path.of("src/test/resources/golden", name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ValidationMessagesGoldenTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
