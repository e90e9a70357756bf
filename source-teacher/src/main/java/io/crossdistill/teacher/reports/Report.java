package io.crossdistill.teacher.reports;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.schemas.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * One published {@code student compare} (or {@code demo --data}) run as the API answers it: what names it, when
 * its report was written, the label sets its students read, and a small summary of its
 * {@code metrics.json}. A run whose files cannot all be read is still a report (its HTML can be shown);
 * what could not be read is in {@link #problems}, each at the pointer of the field it leaves empty.
 *
 * @param id {@code <team>~<run>} ({@link ReportId})
 * @param team the team whose directory holds the run
 * @param run the run's directory name
 * @param createdAt when {@code report.html} was last written, ISO 8601 in UTC
 * @param title the title in {@code metrics.json}, else the run's name
 * @param labelSets the ids of the label sets under the run's {@code labels/} directory, in path order
 * @param labelSetDetails the same sets: key, counts and whether the caller can read one of that id in the
 *     service's label store ({@code GET /api/v1/label-sets/{id}})
 * @param students how many students the run trained and scored on the test split (the teacher used alone
 *     not counted)
 * @param summary what the run compared
 * @param htmlBytes the size of {@code report.html}
 * @param problems what could not be read, empty when everything could
 */
@RegisterForReflection
public record Report(String id, String team, String run, String createdAt, String title, List<String> labelSets,
    List<LabelSetUse> labelSetDetails, int students, Summary summary, long htmlBytes, List<Problem> problems) {

  /**
   * A label set a run's students read.
   *
   * @param path where it lies in the run's directory, e.g. {@code labels/f0.1-seed1/teacher-17}
   * @param inService whether the caller can read a set of this id in the service's label store
   */
  @RegisterForReflection
  public record LabelSetUse(String id, String path, String teacherId, String teacherHash, String mapping,
      String alignment, String inputHash, LabelSetManifest.Counts counts, boolean inService) {
  }

  /**
   * What {@code metrics.json} says the run compared.
   *
   * @param data the data set's name
   * @param tasks the target tasks scored on the test split
   * @param variants the student variants (control, distilled, ...), in the order of the file
   * @param fractions the shares of target training data, ascending
   * @param seeds the seeds, ascending
   * @param runs the runs in the file (every model on validation and test, the teacher alone included)
   * @param comparisons the comparisons in the file
   * @param significant of those, the significant ones
   */
  @RegisterForReflection
  public record Summary(Optional<String> data, List<String> tasks, List<String> variants, List<Double> fractions,
      List<Long> seeds, int runs, int comparisons, int significant) {

    /** The summary of a run whose {@code metrics.json} could not be read. */
    static final Summary NONE = new Summary(Optional.empty(), List.of(), List.of(), List.of(), List.of(), 0, 0, 0);
  }

  /** Whether one of the run's label sets has id {@code labelSet}. */
  public boolean uses(String labelSet) {
    return labelSets.contains(labelSet);
  }
}
