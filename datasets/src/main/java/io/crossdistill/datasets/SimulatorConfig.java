package io.crossdistill.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@link CrossDomainSimulator}. Build with {@link #builder()}; every knob has a default
 * (see {@code docs/simulator.md} for what each one does to the generated data). Every invalid setting is
 * reported at once.
 *
 * @param seed seed of everything random; same seed, same bytes
 * @param users size of the user id space shared by both domains
 * @param sourceItems number of video items
 * @param targetItems number of music items
 * @param genres number of genres in each domain's vocabulary (the vocabularies correspond one to one)
 * @param latentDim dimension of user taste and item factor vectors
 * @param sourceEvents number of video events (source train + source valid)
 * @param targetEvents number of music events (target train + valid + test)
 * @param userOverlap fraction of target users who also appear in the source domain, in [0, 1]
 * @param targetUserShare fraction of all users who use the target app, in (0, 1]
 * @param missingTeacherFeatureFraction desired fraction of the teacher's features that have no target
 *     counterpart, in [0, 1); drives how many source-only features exist (at most 8)
 * @param labelNoise probability of flipping each binary label, and relative noise of regression labels,
 *     in [0, 0.5)
 * @param tasteShift how far a user's music taste departs from their video taste (0 = identical)
 * @param validFraction share of each domain's events held out for validation
 * @param testFraction share of target events held out for testing
 */
public record SimulatorConfig(
    long seed,
    int users,
    int sourceItems,
    int targetItems,
    int genres,
    int latentDim,
    int sourceEvents,
    int targetEvents,
    double userOverlap,
    double targetUserShare,
    double missingTeacherFeatureFraction,
    double labelNoise,
    double tasteShift,
    double validFraction,
    double testFraction) {

  /** Validates every setting and reports all problems together. */
  public SimulatorConfig {
    List<String> problems = new ArrayList<>();
    positive(problems, "users", users, 2);
    positive(problems, "sourceItems", sourceItems, 1);
    positive(problems, "targetItems", targetItems, 1);
    positive(problems, "genres", genres, 2);
    positive(problems, "latentDim", latentDim, 1);
    positive(problems, "sourceEvents", sourceEvents, 2);
    positive(problems, "targetEvents", targetEvents, 3);
    range(problems, "userOverlap", userOverlap, 0, true, 1, true);
    range(problems, "targetUserShare", targetUserShare, 0, false, 1, true);
    range(problems, "missingTeacherFeatureFraction", missingTeacherFeatureFraction, 0, true, 1, false);
    range(problems, "labelNoise", labelNoise, 0, true, 0.5, false);
    range(problems, "tasteShift", tasteShift, 0, true, 10, true);
    range(problems, "validFraction", validFraction, 0, false, 1, false);
    range(problems, "testFraction", testFraction, 0, false, 1, false);
    if (validFraction + testFraction >= 1) {
      problems.add("validFraction + testFraction must be < 1, got " + (validFraction + testFraction));
    }
    if (problems.isEmpty()) {
      long targetUsers = targetUsers(users, targetUserShare);
      if (targetUsers < 1) {
        problems.add("users * targetUserShare must give at least one target user");
      }
      if (users - targetUsers + overlapUsers(targetUsers, userOverlap) < 1) {
        problems.add("no source users: raise users, lower targetUserShare or raise userOverlap");
      }
    }
    if (!problems.isEmpty()) {
      throw new DatasetException(problems);
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** Number of users of the target app. */
  public int targetUsers() {
    return targetUsers(users, targetUserShare);
  }

  /** Number of target users who also use the source app. */
  public int overlapUsers() {
    return overlapUsers(targetUsers(), userOverlap);
  }

  private static int targetUsers(int users, double share) {
    return (int) Math.round(users * share);
  }

  private static int overlapUsers(long targetUsers, double overlap) {
    return (int) Math.round(targetUsers * overlap);
  }

  private static void positive(List<String> problems, String name, int value, int min) {
    if (value < min) {
      problems.add(name + " must be >= " + min + ", got " + value);
    }
  }

  private static void range(List<String> problems, String name, double value,
      double lo, boolean loIncluded, double hi, boolean hiIncluded) {
    boolean ok = (loIncluded ? value >= lo : value > lo) && (hiIncluded ? value <= hi : value < hi);
    if (!ok) {
      problems.add(name + " must be in " + (loIncluded ? "[" : "(") + lo + ", " + hi + (hiIncluded ? "]" : ")")
          + ", got " + value);
    }
  }

  /** Builds a {@link SimulatorConfig}; starts from the defaults, every setter is optional. */
  public static final class Builder {
    private long seed = 42;
    private int users = 4000;
    private int sourceItems = 3000;
    private int targetItems = 1500;
    private int genres = 12;
    private int latentDim = 8;
    private int sourceEvents = 60_000;
    private int targetEvents = 8_000;
    private double userOverlap = 0.7;
    private double targetUserShare = 0.5;
    private double missingTeacherFeatureFraction = 0.4;
    private double labelNoise = 0.02;
    private double tasteShift = 0.6;
    private double validFraction = 0.1;
    private double testFraction = 0.2;

    private Builder() {
    }

    /** Seed of everything random. */
    public Builder optSeed(long v) {
      seed = v;
      return this;
    }

    /** Size of the shared user id space. */
    public Builder optUsers(int v) {
      users = v;
      return this;
    }

    /** Number of video items. */
    public Builder optSourceItems(int v) {
      sourceItems = v;
      return this;
    }

    /** Number of music items. */
    public Builder optTargetItems(int v) {
      targetItems = v;
      return this;
    }

    /** Genres per domain vocabulary. */
    public Builder optGenres(int v) {
      genres = v;
      return this;
    }

    /** Latent dimension. */
    public Builder optLatentDim(int v) {
      latentDim = v;
      return this;
    }

    /** Number of video events. */
    public Builder optSourceEvents(int v) {
      sourceEvents = v;
      return this;
    }

    /** Number of music events. */
    public Builder optTargetEvents(int v) {
      targetEvents = v;
      return this;
    }

    /** Fraction of target users who also use the source app. */
    public Builder optUserOverlap(double v) {
      userOverlap = v;
      return this;
    }

    /** Fraction of all users who use the target app. */
    public Builder optTargetUserShare(double v) {
      targetUserShare = v;
      return this;
    }

    /** Desired fraction of teacher features without a target counterpart. */
    public Builder optMissingTeacherFeatureFraction(double v) {
      missingTeacherFeatureFraction = v;
      return this;
    }

    /** Label noise. */
    public Builder optLabelNoise(double v) {
      labelNoise = v;
      return this;
    }

    /** Departure of music taste from video taste. */
    public Builder optTasteShift(double v) {
      tasteShift = v;
      return this;
    }

    /** Validation share of each domain's events. */
    public Builder optValidFraction(double v) {
      validFraction = v;
      return this;
    }

    /** Test share of target events. */
    public Builder optTestFraction(double v) {
      testFraction = v;
      return this;
    }

    /** The validated configuration. */
    public SimulatorConfig build() {
      return new SimulatorConfig(seed, users, sourceItems, targetItems, genres, latentDim, sourceEvents, targetEvents,
          userOverlap, targetUserShare, missingTeacherFeatureFraction, labelNoise, tasteShift, validFraction,
          testFraction);
    }
  }
}
