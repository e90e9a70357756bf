package io.crossdistill.teacher.registry;

/** A team tried to write a resource name that another team owns. */
public final class OwnershipException extends RuntimeException {

  public OwnershipException(ResourceKind kind, String name) {
    super(kind.label() + " '" + name + "' belongs to another team");
  }
}
