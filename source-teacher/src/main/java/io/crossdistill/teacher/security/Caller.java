package io.crossdistill.teacher.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The team behind the current request, set by {@link ApiKeyFilter} from its API key. Resources ask it
 * who is calling; they never see the key.
 */
@RequestScoped
public class Caller {

  private String team;
  private boolean operator;

  void authenticate(String team, boolean operator) {
    this.team = team;
    this.operator = operator;
  }

  /** The calling team; only requests with a valid key reach a resource. */
  public String team() {
    if (team == null) {
      throw new IllegalStateException("request was not authenticated");
    }
    return team;
  }

  /** Whether the calling team may register teachers. */
  public boolean operator() {
    return operator;
  }
}
