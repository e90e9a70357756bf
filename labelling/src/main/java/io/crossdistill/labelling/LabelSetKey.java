package io.crossdistill.labelling;

import io.crossdistill.schemas.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What names a label set: the teacher version, the mapping and alignment versions, the content hash of
 * the input, and the hash of the run's own provenance (seed, hyper-parameters, producer), so that every
 * label of a set carries the same provenance. Two jobs with the same key make the same labels, so the
 * second one gets the first one's set ({@link LabelStore#find}).
 *
 * @param teacherId the teacher's id
 * @param teacherHash the teacher version's content hash
 * @param mapping {@code name@version}
 * @param alignment {@code name@version}
 * @param inputHash content hash of the input records
 * @param runHash content hash of the run's stamp ({@link #runHash(RunStamp)})
 */
public record LabelSetKey(String teacherId, String teacherHash, String mapping, String alignment, String inputHash,
    String runHash) {

  /** The key of labelling {@code inputHash} on {@code path} with the path's teacher version, for {@code run}. */
  public static LabelSetKey of(LabelPath path, String inputHash, RunStamp run) {
    return new LabelSetKey(path.teacher().getTeacherId(), path.teacher().getContentHash(), path.mappingRef(),
        path.alignmentRef(), inputHash, runHash(run));
  }

  /** SHA-256 over a run stamp's seed, sorted hyper-parameters and producer (its input hash is the key's own). */
  public static String runHash(RunStamp run) {
    StringBuilder canonical = new StringBuilder();
    canonical.append("seed=").append(run.seed()).append('\n').append("producer=").append(run.producer()).append('\n');
    new java.util.TreeMap<>(run.hyperParameters()).forEach((k, v) -> canonical.append(k.length()).append(':').append(k)
        .append('=').append(v.length()).append(':').append(v).append('\n'));
    MessageDigest digest = ContentHash.sha256();
    digest.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return ContentHash.hex(digest);
  }

  /** A stable id: the first 32 hex digits of SHA-256 over the six parts. */
  public String id() {
    MessageDigest digest = ContentHash.sha256();
    for (String part : new String[] {teacherId, teacherHash, mapping, alignment, inputHash, runHash}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update((byte) (bytes.length >>> 8));
      digest.update((byte) bytes.length);
      digest.update(bytes);
    }
    return ContentHash.hex(digest).substring(0, 32);
  }
}
