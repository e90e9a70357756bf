package io.crossdistill.datasets;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The {@code ./crossdistill data ratings-world} command: writes a {@link RatingsWorld} into a directory
 * and prints its row counts and rating histograms. Plain argument parsing ({@code --name value}); every
 * bad argument is reported at once, with exit status 2.
 */
public final class RatingsWorldCommand {

  private static final String USAGE = """
      Usage: ./crossdistill data ratings-world --out DIR [options]
        Writes a simulated cross-domain world in the amazon-movie-music ratings layout (docs/data.md).
        --out DIR              directory to write (created if needed; the six .rating files are replaced)
        --seed N               seed (default 42); same settings, byte-identical files
        --users N              users, each active in both domains (default 2000)
        --source-items N       movie (source) items (default 3000)
        --target-items N       music (target) items (default 4000)
        --source-rows N        movie rows (default 130000)
        --target-rows N        music rows, train + valid + test (default 90000)
        --latent-dim N         taste dimension (default 8)
        --shared-taste X       share of taste common to both domains, 0..1 (default 0.6)
        --noise X              rating noise (default 0.7)
        --valid-fraction X     share of music rows in music.valid.rating (default 0.15)
        --test-fraction X      share of music rows in music.test.rating (default 0.19)
      """;

  private RatingsWorldCommand() {
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command: 0 = written, 1 = cannot write, 2 = bad arguments. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(USAGE);
      return 0;
    }
    List<String> problems = new ArrayList<>();
    RatingsWorldConfig.Builder builder = RatingsWorldConfig.builder();
    Optional<Path> dir = parse(args, builder, problems);
    if (dir.isEmpty()) {
      problems.add("--out DIR is required");
    }
    RatingsWorldConfig config = null;
    try {
      config = builder.build();
    } catch (DatasetException e) {
      problems.addAll(e.problems());
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("ratings-world: " + p));
      err.print(USAGE);
      return 2;
    }
    try {
      out.print(new RatingsWorld(config).write(dir.orElseThrow()).describe());
      return 0;
    } catch (UncheckedIOException e) {
      err.println("ratings-world: " + e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    }
  }

  private static Optional<Path> parse(String[] args, RatingsWorldConfig.Builder builder, List<String> problems) {
    Map<String, BiConsumer<String, List<String>>> options = new LinkedHashMap<>();
    Path[] dir = {null};
    options.put("--out", (v, p) -> dir[0] = Path.of(v));
    options.put("--seed", (v, p) -> parseLong("--seed", v, p).ifPresent(builder::optSeed));
    integer(options, "--users", builder::optUsers);
    integer(options, "--source-items", builder::optSourceItems);
    integer(options, "--target-items", builder::optTargetItems);
    integer(options, "--source-rows", builder::optSourceRows);
    integer(options, "--target-rows", builder::optTargetRows);
    integer(options, "--latent-dim", builder::optLatentDim);
    decimal(options, "--shared-taste", builder::optSharedTaste);
    decimal(options, "--noise", builder::optNoise);
    decimal(options, "--valid-fraction", builder::optValidFraction);
    decimal(options, "--test-fraction", builder::optTestFraction);
    for (int k = 0; k < args.length; k++) {
      BiConsumer<String, List<String>> option = options.get(args[k]);
      if (option == null) {
        problems.add("unknown argument '" + args[k] + "'");
      } else if (k + 1 >= args.length) {
        problems.add(args[k] + " needs a value");
      } else {
        option.accept(args[++k], problems);
      }
    }
    return Optional.ofNullable(dir[0]);
  }

  private interface IntSetter {
    RatingsWorldConfig.Builder set(int value);
  }

  private interface DoubleSetter {
    RatingsWorldConfig.Builder set(double value);
  }

  private static void integer(Map<String, BiConsumer<String, List<String>>> options, String name, IntSetter setter) {
    options.put(name, (v, p) -> parseLong(name, v, p).ifPresent(n -> {
      if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
        p.add(name + " '" + v + "' is out of range");
      } else {
        setter.set((int) (long) n);
      }
    }));
  }

  private static void decimal(Map<String, BiConsumer<String, List<String>>> options, String name, DoubleSetter setter) {
    options.put(name, (v, p) -> {
      try {
        setter.set(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        p.add(name + " '" + v + "' is not a number");
      }
    });
  }

  private static Optional<Long> parseLong(String name, String value, List<String> problems) {
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      problems.add(name + " '" + value + "' is not an integer");
      return Optional.empty();
    }
  }
}
