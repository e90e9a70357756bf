package io.crossdistill.demo;

import io.crossdistill.student.ResultTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the demo produced: one table per target training fraction, and where its artifacts are.
 *
 * @param scenario the scenario's title
 * @param tables per fraction label (e.g. "100% of target train"), the side-by-side table
 * @param defaultedFraction fraction of teacher inputs the target mapping leaves at their defaults
 * @param teacherParameters trainable parameters of the teacher
 * @param studentParameters trainable parameters of the (distilled) student
 * @param artifacts named output paths
 * @param notes lines worth reading next to the tables
 * @param reportSplit the split the tables score ("test", or "validation" while choosing settings)
 */
public record DemoReport(String scenario, String reportSplit, Map<String, ResultTable> tables, double defaultedFraction,
    long teacherParameters, long studentParameters, Map<String, Path> artifacts, List<String> notes) {
}
