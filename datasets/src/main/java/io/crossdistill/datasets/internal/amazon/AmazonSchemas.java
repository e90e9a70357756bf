package io.crossdistill.datasets.internal.amazon;

import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.TaskDef;
import java.util.List;

/** Feature, task and domain names of the Amazon movie/music data set, and its two schemas. */
public final class AmazonSchemas {

  public static final String USER_ID = "user_id";
  public static final String ITEM_ID = "item_id";
  public static final String USER_MEAN = "user_mean";
  public static final String USER_COUNT = "user_count";
  public static final String ITEM_MEAN = "item_mean";
  public static final String ITEM_COUNT = "item_count";

  public static final String LOVE = "love";
  public static final String RATING = "rating";
  public static final String LIKE = "like";
  public static final String DISLIKE = "dislike";

  private AmazonSchemas() {
  }

  /** Schema of the movie (source) domain. */
  public static DomainSchema source(String domain, int users, int items) {
    return new DomainSchema(domain, features(users, items, "movie"), List.of(
        TaskDef.binary(LOVE, "1 if the movie was rated 5 stars, else 0"),
        TaskDef.regression(RATING, "the star rating, 1 to 5"),
        TaskDef.binary(LIKE, "1 if the movie was rated 4 or 5 stars, else 0")));
  }

  /** Schema of the music (target) domain. */
  public static DomainSchema target(String domain, int users, int items) {
    return new DomainSchema(domain, features(users, items, "music"), List.of(
        TaskDef.binary(LOVE, "1 if the album was rated 5 stars, else 0"),
        TaskDef.regression(RATING, "the star rating, 1 to 5"),
        TaskDef.binary(DISLIKE, "1 if the album was rated 1 or 2 stars, else 0")));
  }

  private static List<FeatureDef> features(int users, int items, String what) {
    return List.of(
        FeatureDef.idFeature(USER_ID, users, "dense user id, shared by both domains (the same person)"),
        FeatureDef.idFeature(ITEM_ID, items, "dense " + what + " item id; numbered per domain"),
        FeatureDef.floatFeature(USER_MEAN,
            "user's mean " + what + " training rating, shrunk toward the global mean (leave-one-out on training rows)"),
        FeatureDef.floatFeature(USER_COUNT, "log1p of the user's number of " + what + " training ratings"),
        FeatureDef.floatFeature(ITEM_MEAN,
            "item's mean training rating, shrunk toward the global mean (leave-one-out on training rows)"),
        FeatureDef.floatFeature(ITEM_COUNT, "log1p of the item's number of training ratings"));
  }
}
