package io.crossdistill.teacher.errors;

/**
 * One problem in a problem+json answer: a JSON pointer into what was sent ({@code /rules/2/from}) and a
 * message a person can act on.
 */
public record ProblemItem(String pointer, String message) {
}
