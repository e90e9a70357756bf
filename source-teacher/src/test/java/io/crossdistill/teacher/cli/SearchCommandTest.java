package io.crossdistill.teacher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchCommandTest {

  @Test
  void parse_readsSecondsMinutesHoursAndMillis() {
    assertThat(SearchCommand.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(SearchCommand.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(SearchCommand.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(SearchCommand.parse("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void parse_ofNonsense_saysWhatItExpects() {
    assertThatThrownBy(() -> SearchCommand.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--budget: 'soon' is not a duration like 90s, 10m or 1h");
  }
}
