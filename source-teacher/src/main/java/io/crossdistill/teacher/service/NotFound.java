package io.crossdistill.teacher.service;

/** The schema, mapping, alignment, version, teacher, job or label set named does not exist. */
public final class NotFound extends ServiceException {

  private static final long serialVersionUID = 1L;

  /** @param detail names what was looked for */
  public NotFound(String detail) {
    super(detail, java.util.List.of(), null);
  }
}
