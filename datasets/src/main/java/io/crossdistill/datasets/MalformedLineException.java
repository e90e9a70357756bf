package io.crossdistill.datasets;

import java.nio.file.Path;

/**
 * A line of an input text file cannot be parsed. The message reads {@code file:line: reason}, so it
 * can be pasted into an editor's "go to" box.
 */
public final class MalformedLineException extends DatasetException {

  private final transient Path file;
  private final long lineNumber;
  private final String reason;

  /**
   * @param file the file being read
   * @param lineNumber 1-based line number
   * @param reason why the line is rejected
   */
  public MalformedLineException(Path file, long lineNumber, String reason) {
    super(file + ":" + lineNumber + ": " + reason);
    this.file = file;
    this.lineNumber = lineNumber;
    this.reason = reason;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The 1-based line number of the bad line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** Why the line is rejected. */
  public String reason() {
    return reason;
  }
}
