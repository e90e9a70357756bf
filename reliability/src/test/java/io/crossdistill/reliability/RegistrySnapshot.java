package io.crossdistill.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every team sees of the registry and the job store: the teachers, each team's schemas, mappings and
 * alignments with every version, its backfill jobs and label sets. Two snapshots are equal when nothing
 * was registered, deprecated, submitted or cancelled between them.
 */
record RegistrySnapshot(Map<String, String> views) {

  private static final String[] VERSIONED = {"schemas", "mappings", "alignments"};

  static RegistrySnapshot take(Http http) {
    Map<String, String> views = new LinkedHashMap<>();
    for (Teams team : Teams.values()) {
      put(views, http, team, "/api/v1/teachers");
      put(views, http, team, "/api/v1/backfills");
      put(views, http, team, "/api/v1/label-sets");
      for (String kind : VERSIONED) {
        JsonNode names = put(views, http, team, "/api/v1/" + kind);
        for (JsonNode name : names) {
          put(views, http, team, "/api/v1/" + kind + "/" + name.asText() + "/versions");
        }
      }
    }
    return new RegistrySnapshot(Map.copyOf(views));
  }

  private static JsonNode put(Map<String, String> views, Http http, Teams team, String path) {
    Http.Response response = http.get(path, team).expect(200);
    views.put(team.team() + " " + path, response.text());
    return response.json();
  }

  /** The views that differ from {@code earlier}'s, for a failure message. */
  String differencesFrom(RegistrySnapshot earlier) {
    StringBuilder out = new StringBuilder();
    views.forEach((view, text) -> {
      if (!text.equals(earlier.views.get(view))) {
        out.append(view).append(": ").append(earlier.views.get(view)).append(" -> ").append(text).append('\n');
      }
    });
    earlier.views.keySet().stream().filter(view -> !views.containsKey(view))
        .forEach(view -> out.append(view).append(": gone\n"));
    return out.toString();
  }
}
