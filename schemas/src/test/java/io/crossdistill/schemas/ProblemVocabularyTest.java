package io.crossdistill.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared problem vocabulary: JSON pointers, problems and validation results. */
class ProblemVocabularyTest {

  @Test
  void child_ofAPlainName_appendsIt() {
    assertThat(JsonPointers.child("/tasks/2/source", "head")).isEqualTo("/tasks/2/source/head");
    assertThat(JsonPointers.child("", "rules")).isEqualTo("/rules");
  }

  @Test
  void child_escapesTildeBeforeSlashAsRfc6901Says() {
    // "~1" in a name must become "~01", not "~1" read back as "/"
    assertThat(JsonPointers.child("/table", "a/b~c~1")).isEqualTo("/table/a~1b~0c~01");
  }

  @Test
  void child_ofAnIndex_appendsIt() {
    assertThat(JsonPointers.child("/tasks", 3)).isEqualTo("/tasks/3");
  }

  @Test
  void problem_showsTheWholeDocumentAsRoot() {
    assertThat(new Problem("", "not valid JSON")).hasToString("(root): not valid JSON");
    assertThat(new Problem("/rules/0", "unknown field")).hasToString("/rules/0: unknown field");
  }

  @Test
  void validationResult_withErrors_throwsWhatTheCallerMakesOfIt() {
    ValidationResult result = new ValidationResult(List.of(new Problem("/a", "bad")), List.of(new Problem("/b", "odd")));
    assertThat(result.isValid()).isFalse();
    assertThatThrownBy(() -> result.orThrow(r -> new IllegalArgumentException(r.errors() + " " + r.warnings())))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("[/a: bad] [/b: odd]");
  }

  @Test
  void validationResult_withOnlyWarnings_isValidAndReturnsItself() {
    ValidationResult result = new ValidationResult(List.of(), List.of(new Problem("/b", "odd")));
    assertThat(result.orThrow(r -> new IllegalStateException("never"))).isSameAs(result);
  }
}
