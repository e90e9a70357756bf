package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.TaskDef;
import java.util.ArrayList;
import java.util.List;

/** Names and schemas of the simulated video (source) and music (target) domains. */
public final class SimulatorSchemas {

  public static final String SOURCE_DOMAIN = "video";
  public static final String TARGET_DOMAIN = "music";

  public static final String USER_ID = "user_id";
  public static final String ITEM_ID = "item_id";
  public static final String GENRE = "genre";
  public static final String POPULARITY = "popularity";
  public static final String USER_ACTIVITY = "user_activity";

  public static final String CLICK = "click";
  public static final String LIKE = "like";
  public static final String WATCH_TIME = "watch_time";
  public static final String CONTINUE_WATCHING = "continue_watching";
  public static final String LISTEN_TIME = "listen_time";
  public static final String DISCOVERY = "discovery";

  private SimulatorSchemas() {
  }

  /** The video schema: shared features, then the switched-on source-only features. */
  public static DomainSchema source(SimulatorConfig config, int channels, List<SourceOnlyFeature> sourceOnly) {
    List<FeatureDef> features = new ArrayList<>(shared(config, config.sourceItems(), "video"));
    for (SourceOnlyFeature f : sourceOnly) {
      features.add(f.definition(channels));
    }
    return new DomainSchema(SOURCE_DOMAIN, features, List.of(
        TaskDef.binary(CLICK, "1 if the user clicked the video"),
        TaskDef.binary(LIKE, "1 if the user clicked and liked the video"),
        TaskDef.regression(WATCH_TIME, "minutes watched; 0 without a click"),
        TaskDef.binary(CONTINUE_WATCHING, "1 if the user clicked and went on to another video (no music counterpart)")));
  }

  /** The music schema: the shared features only. */
  public static DomainSchema target(SimulatorConfig config) {
    return new DomainSchema(TARGET_DOMAIN, shared(config, config.targetItems(), "music"), List.of(
        TaskDef.binary(CLICK, "1 if the user played the track"),
        TaskDef.binary(LIKE, "1 if the user played and liked the track"),
        TaskDef.regression(LISTEN_TIME, "minutes listened; 0 without a play"),
        TaskDef.binary(DISCOVERY,
            "1 if the user played the track and saved it as a discovery (driven by novelty seeking, unknown to video)")));
  }

  private static List<FeatureDef> shared(SimulatorConfig config, int items, String domain) {
    return List.of(
        FeatureDef.idFeature(USER_ID, config.users(), "user id, the same for a person in both domains"),
        FeatureDef.idFeature(ITEM_ID, items, domain + " item id, numbered per domain"),
        FeatureDef.idFeature(GENRE, config.genres(), domain + " genre id (domain vocabulary; see the genre correspondence)"),
        FeatureDef.floatFeature(POPULARITY, "standardised log popularity of the item in its domain"),
        FeatureDef.floatFeature(USER_ACTIVITY, "log of the user's activity rate (the same in both domains)"));
  }
}
