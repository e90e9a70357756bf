package io.crossdistill.teacher.backfill;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.labelling.StoredLabelSet;
import io.crossdistill.teacher.service.Forbidden;
import io.crossdistill.teacher.service.NotFound;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.VersionedRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The label sets of the label store, as a team sees them: a set belongs to the team that owns the mapping
 * that made it (the same rule as for the mapping itself), so a team lists and reads only its own sets.
 */
@ApplicationScoped
public class LabelSetService {

  /**
   * A label set in a list: what names it, what it holds and what it cost.
   *
   * @param id the set's id, also its directory under the label store root
   */
  public record Summary(String id, String teacherId, String teacherHash, String mapping, String alignment,
      String inputHash, String input, LabelSetManifest.Counts counts, String labelSetHash, LabelSetManifest.Cost cost,
      LabelSetManifest.Reuse reuse) {

    static Summary of(LabelSetManifest m) {
      return new Summary(m.id(), m.key().teacherId(), m.key().teacherHash(), m.key().mapping(), m.key().alignment(),
          m.key().inputHash(), m.input(), m.counts(), m.labelSetHash(), m.cost(), m.reuse());
    }
  }

  private final BackfillService backfills;
  private final VersionedRegistry registry;

  @Inject
  public LabelSetService(BackfillService backfills, VersionedRegistry registry) {
    this.backfills = backfills;
    this.registry = registry;
  }

  /** The team's complete label sets, by id. */
  public List<Summary> list(String team) {
    return backfills.labelStore().list().stream().map(StoredLabelSet::manifest).filter(m -> ownedBy(m, team))
        .map(Summary::of).toList();
  }

  /** The manifest of one of the team's sets; 404 when there is no complete set {@code id}, 403 when another team's. */
  public LabelSetManifest manifest(String id, String team) {
    LabelSetManifest manifest = backfills.labelStore().byId(id).map(StoredLabelSet::manifest)
        .orElseThrow(() -> new NotFound("no label set '" + id + "'"));
    if (!ownedBy(manifest, team)) {
      throw new Forbidden("label set '" + id + "' belongs to another team");
    }
    return manifest;
  }

  private boolean ownedBy(LabelSetManifest manifest, String team) {
    String mapping = manifest.key().mapping();
    int at = mapping.lastIndexOf('@');
    Optional<String> owner = registry.owner(ResourceKind.MAPPING, at < 0 ? mapping : mapping.substring(0, at));
    return owner.filter(team::equals).isPresent();
  }
}
