package io.crossdistill.teacher.registry;

/**
 * The outcome of registering a body: the version that holds it, and whether this call created it
 * ({@code false} when an identical body was already registered).
 */
public record Registration(Version version, boolean created) {
}
