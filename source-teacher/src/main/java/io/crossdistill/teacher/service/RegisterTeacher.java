package io.crossdistill.teacher.service;

/**
 * A teacher registration: the artifact directory (relative to the teachers root, or absolute inside it)
 * and whether it should serve labels from now on (a hot swap).
 */
public record RegisterTeacher(String path, boolean serve) {
}
