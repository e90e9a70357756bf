package io.crossdistill.datasets;

import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.Example;
import java.util.ArrayList;
import java.util.List;

/** Reads whole (small) splits into lists for assertions. */
final class TestExamples {

  private TestExamples() {
  }

  static List<Example> read(CrossDomainData data, Split split) {
    List<Example> examples = new ArrayList<>();
    try (ContainerReader<Example> reader = data.open(split)) {
      for (Example e : reader) {
        examples.add(e);
      }
    }
    return examples;
  }
}
