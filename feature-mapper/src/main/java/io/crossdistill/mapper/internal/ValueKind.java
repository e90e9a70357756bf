package io.crossdistill.mapper.internal;

/** Kinds of values flowing through a rule's transform chain. */
public enum ValueKind {
  FLOAT("a float"), LONG("a long"), STRING("a string"), VECTOR("a float vector");

  private final String phrase;

  ValueKind(String phrase) {
    this.phrase = phrase;
  }

  /** "a float", for messages. */
  public String phrase() {
    return phrase;
  }

  boolean isNumber() {
    return this == FLOAT || this == LONG;
  }
}
