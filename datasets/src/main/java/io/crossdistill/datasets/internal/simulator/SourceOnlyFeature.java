package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.FeatureDef;
import java.util.Arrays;
import java.util.List;

/**
 * The video features that music has no counterpart for, in the order in which
 * {@code missingTeacherFeatureFraction} switches them on. A feature that is not switched on is not
 * generated and has no effect on the source labels.
 */
public enum SourceOnlyFeature {
  VIDEO_DURATION("video_duration", "log of the video's length in minutes; long videos are clicked a little less"),
  CHANNEL_ID("channel_id", "the video's channel; each channel has a quality that lifts or lowers engagement"),
  WATCH_HISTORY_LEN("watch_history_len", "log1p of the user's video watch history length (driven by engagement)"),
  IS_SUBSCRIBED("is_subscribed", "1 if the user is subscribed to the channel (likelier for favourite genres)"),
  VIDEO_AGE_DAYS("video_age_days", "log1p of the video's age in days; older videos are clicked a little less"),
  DEVICE_TYPE("device_type", "device of the session, 4 kinds with different engagement"),
  AUTOPLAY("autoplay", "1 if the video started by autoplay; raises clicks and continue_watching"),
  UPLOAD_QUALITY("upload_quality", "upload quality tier 0..2; higher tiers engage more");

  /** Number of shared teacher features (user_id, item_id, genre, popularity, user_activity). */
  public static final int SHARED_TEACHER_FEATURES = 5;
  /** Devices of {@link #DEVICE_TYPE}. */
  public static final int DEVICES = 4;
  /** Tiers of {@link #UPLOAD_QUALITY}. */
  public static final int QUALITY_TIERS = 3;

  private final String featureName;
  private final String doc;

  SourceOnlyFeature(String featureName, String doc) {
    this.featureName = featureName;
    this.doc = doc;
  }

  /** Name of the feature in the examples. */
  public String featureName() {
    return featureName;
  }

  /** The feature's definition for a world with {@code channels} channels. */
  public FeatureDef definition(int channels) {
    return switch (this) {
      case CHANNEL_ID -> FeatureDef.idFeature(featureName, channels, doc);
      case DEVICE_TYPE -> FeatureDef.idFeature(featureName, DEVICES, doc);
      case UPLOAD_QUALITY -> FeatureDef.idFeature(featureName, QUALITY_TIERS, doc);
      default -> FeatureDef.floatFeature(featureName, doc);
    };
  }

  /**
   * The source-only features for a missing-feature fraction {@code f}: {@code round(f * 5 / (1 - f))}
   * of them (so that about {@code f} of all teacher features are source-only), at most all eight.
   */
  public static List<SourceOnlyFeature> forMissingFraction(double f) {
    long wanted = Math.round(f * SHARED_TEACHER_FEATURES / (1 - f));
    int n = (int) Math.min(values().length, wanted);
    return Arrays.asList(values()).subList(0, n);
  }
}
