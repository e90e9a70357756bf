package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Paths a caller names, confined to one root directory the operator configured (the teachers root, the
 * backfill data root): resolved against the root, refused when they climb out of it ({@code ..}, an
 * absolute path elsewhere) or lead out of it through a symbolic link.
 */
public final class ConfinedPaths {

  private ConfinedPaths() {
  }

  /**
   * Resolves {@code requested} (relative to {@code root}, or absolute inside it) to a file or directory that
   * exists inside {@code root}, with every link on the way resolved inside it too.
   *
   * @param what how the root is named in messages, e.g. {@code the teachers root}
   * @param pointer the JSON pointer of the path in the request
   * @return the normalized absolute path (links not resolved)
   * @throws Invalid for a blank, invalid or missing path
   * @throws Forbidden for one outside the root
   */
  public static Path confine(Path root, String what, String requested, String pointer) {
    if (requested == null || requested.isBlank()) {
      throw new Invalid("missing path", List.of(new Problem(pointer, "name a path under " + what)));
    }
    Path path;
    try {
      path = root.resolve(requested).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new Invalid("bad path", List.of(new Problem(pointer, "not a valid path")));
    }
    if (!path.startsWith(root)) {
      throw forbidden("path '" + requested + "' lies outside " + what, pointer);
    }
    if (!Files.exists(path)) {
      throw new Invalid("no such path", List.of(new Problem(pointer,
          "'" + requested + "' does not exist under " + what)));
    }
    try {
      if (!path.toRealPath().startsWith(root.toRealPath())) {
        throw forbidden("path '" + requested + "' leads outside " + what, pointer);
      }
    } catch (IOException e) {
      throw new Invalid("bad path", List.of(new Problem(pointer, "cannot be resolved")));
    }
    return path;
  }

  private static Forbidden forbidden(String detail, String pointer) {
    return new Forbidden(detail, List.of(new Problem(pointer, detail)));
  }
}
