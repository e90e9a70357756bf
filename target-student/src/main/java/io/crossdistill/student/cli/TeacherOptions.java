package io.crossdistill.student.cli;

import io.crossdistill.student.CompareOptions;
import picocli.CommandLine.Option;

/** The options {@code student compare} and {@code student train} share about the teachers they use. */
final class TeacherOptions {

  @Option(names = "--representation", paramLabel = "KIND", defaultValue = "EMBEDDING",
      description = "the teacher's user representation the representations variant reads: ${COMPLETION-CANDIDATES}"
          + " (default: ${DEFAULT-VALUE})")
  CompareOptions.RepresentationKind representation;

  @Option(names = "--committee", paramLabel = "N", defaultValue = "3",
      description = "teachers in the committee variant (default: ${DEFAULT-VALUE})")
  int committee;

  @Option(names = "--small", description = "tiny teacher and few epochs: a smoke run, not a result")
  boolean small;
}
