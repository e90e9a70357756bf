package io.crossdistill.datasets.internal.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdVocabularyTest {

  @Test
  void freeze_numbersIntegersNumericallyThenOtherIdsAsStrings() {
    IdVocabulary vocabulary = new IdVocabulary();
    for (String raw : new String[] {"10", "b", "9", "007", "7", "a", "10", "123456789012345678901234567890"}) {
      vocabulary.add(raw);
    }
    vocabulary.freeze();
    assertThat(vocabulary.size()).isEqualTo(7);
    assertThat(vocabulary.id("007")).isEqualTo(0); // same value as "7": still its own id, ties broken as strings
    assertThat(vocabulary.id("7")).isEqualTo(1);
    assertThat(vocabulary.id("9")).isEqualTo(2);
    assertThat(vocabulary.id("10")).isEqualTo(3);
    assertThat(vocabulary.id("123456789012345678901234567890")).isEqualTo(4);
    assertThat(vocabulary.id("a")).isEqualTo(5);
    assertThat(vocabulary.id("b")).isEqualTo(6);
  }

  @Test
  void id_ofAnUnknownRawId_isRejected() {
    IdVocabulary vocabulary = new IdVocabulary();
    vocabulary.add("1");
    vocabulary.freeze();
    assertThatThrownBy(() -> vocabulary.id("2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vocabulary.add("3")).isInstanceOf(IllegalStateException.class);
  }
}
