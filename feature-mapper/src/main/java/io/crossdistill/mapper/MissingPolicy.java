package io.crossdistill.mapper;

/** What a rule does when its target field is absent (null, missing map key) in a record. */
public enum MissingPolicy {
  /** Write the teacher's default value for the input and count it as defaulted. */
  DEFAULT,
  /** Reject the record as a bad record (it goes to the dead letters). */
  REJECT
}
