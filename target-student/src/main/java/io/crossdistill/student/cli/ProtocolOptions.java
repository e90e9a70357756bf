package io.crossdistill.student.cli;

import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.student.CompareOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code student compare} and {@code student train} share: the ratings-layout directory and
 * the teachers learned on it.
 */
final class ProtocolOptions {

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "a directory in the ratings layout, e.g. ../shared/data/amazon-movie-music")
  Path data;

  @Option(names = "--representation", paramLabel = "KIND", defaultValue = "EMBEDDING",
      description = "the teacher's user representation the representations variant reads: ${COMPLETION-CANDIDATES}"
          + " (default: ${DEFAULT-VALUE})")
  CompareOptions.RepresentationKind representation;

  @Option(names = "--committee", paramLabel = "N", defaultValue = "3",
      description = "teachers in the committee variant (default: ${DEFAULT-VALUE})")
  int committee;

  @Option(names = "--small", description = "tiny teacher and few epochs: a smoke run, not a result")
  boolean small;

  /** What keeps {@code --data} from being read: not a directory, or each file of the layout it lacks. */
  List<String> dataProblems() {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(data)) {
      problems.add("--data: " + data + " is not a directory");
    } else {
      AmazonRatingsLoader.layoutProblems(data).forEach(problem -> problems.add("--data: " + problem));
    }
    return problems;
  }
}
