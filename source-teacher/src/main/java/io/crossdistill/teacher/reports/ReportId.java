package io.crossdistill.teacher.reports;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one published run: the team whose directory holds it and the run's directory name, written
 * {@code <team>~<run>} (one URL path segment, no escaping needed). Both parts are names, never paths: a
 * team is 1-63 of {@code [a-z0-9_-]} (as configured teams are), a run 1-128 of {@code [A-Za-z0-9._-]}
 * starting with a letter or digit, so no id can climb out of {@code <root>/<team>/}.
 */
public record ReportId(String team, String run) {

  /** Separates the team from the run; neither part may contain it. */
  public static final char SEPARATOR = '~';

  private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public ReportId {
    if (!isTeam(team) || !isRun(run)) {
      throw new IllegalArgumentException("not a report id: team and run must be names");
    }
  }

  /** The id {@code text} spells, or empty when it is not {@code <team>~<run>} with both parts names. */
  public static Optional<ReportId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int at = text.indexOf(SEPARATOR);
    if (at < 0) {
      return Optional.empty();
    }
    String team = text.substring(0, at);
    String run = text.substring(at + 1);
    return isTeam(team) && isRun(run) ? Optional.of(new ReportId(team, run)) : Optional.empty();
  }

  /** Whether {@code name} can be a team's directory under the reports root. */
  static boolean isTeam(String name) {
    return name != null && TEAM.matcher(name).matches();
  }

  /** Whether {@code name} can be a run's directory under a team's. */
  static boolean isRun(String name) {
    return name != null && RUN.matcher(name).matches();
  }

  @Override
  public String toString() {
    return team + SEPARATOR + run;
  }
}
