package io.crossdistill.console;

import io.crossdistill.reliability.MusicTeam;
import java.util.List;

/**
 * Every page of the console contract, as the music team opens it: the lists and the detail views of its
 * own objects (the mapping, the fitted alignment, the label set), the editor for both kinds, new and from
 * an existing spec.
 */
final class Pages {

  /** A page's address under {@code /console/} and the name its screenshots get. */
  record Page(String name, String path) {
  }

  private Pages() {
  }

  static List<Page> ofMusic(Console console) {
    return List.of(
        new Page("overview", "index.html"),
        new Page("teachers", "teachers.html"),
        new Page("schemas", "schemas.html"),
        new Page("mappings", "mappings.html"),
        new Page("mapping", "mappings.html?name=" + MusicTeam.MAPPING),
        new Page("mapping-version", "mappings.html?name=" + MusicTeam.MAPPING + "&version=1"),
        new Page("alignments", "alignments.html"),
        new Page("alignment", "alignments.html?name=" + MusicTeam.ALIGNMENT),
        new Page("alignment-fitted", "alignments.html?name=" + Console.CALIBRATED + "&version=" + Console.FITTED_VERSION),
        new Page("editor-mapping", "editor.html?kind=mapping"),
        new Page("editor-mapping-from", "editor.html?kind=mapping&from=" + MusicTeam.MAPPING),
        new Page("editor-alignment", "editor.html?kind=alignment"),
        new Page("editor-alignment-from", "editor.html?kind=alignment&from=" + Console.CALIBRATED),
        new Page("label-sets", "label-sets.html"),
        new Page("label-set", "label-sets.html?id=" + console.labelSet()),
        new Page("backfills", "backfills.html"),
        new Page("streams", "streams.html"),
        new Page("reports", "reports.html"));
  }

  /** The list pages, where another team's rows would show. */
  static List<String> lists() {
    return List.of("index.html", "teachers.html", "schemas.html", "mappings.html", "alignments.html", "label-sets.html",
        "backfills.html", "streams.html", "reports.html");
  }
}
