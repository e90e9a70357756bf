package io.crossdistill.teacher.service;

/**
 * The service cannot do this now, through no fault of the request: no teacher serves, or a registered
 * teacher's artifact cannot be loaded any more. Saying so is the answer; trying again later may succeed.
 */
public final class Unavailable extends ServiceException {

  private static final long serialVersionUID = 1L;

  public Unavailable(String detail) {
    super(detail, java.util.List.of(), null);
  }

  public Unavailable(String detail, Throwable cause) {
    super(detail, java.util.List.of(), cause);
  }
}
