package io.crossdistill.labelling;

import io.crossdistill.schemas.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * What names a label set: the teacher version, the mapping and alignment versions, and the content hash
 * of the input. Two jobs with the same key make the same labels, so the second one gets the first one's
 * set ({@link LabelStore#find}).
 *
 * @param teacherId the teacher's id
 * @param teacherHash the teacher version's content hash
 * @param mapping {@code name@version}
 * @param alignment {@code name@version}
 * @param inputHash content hash of the input records
 */
public record LabelSetKey(String teacherId, String teacherHash, String mapping, String alignment, String inputHash) {

  /** The key of labelling {@code inputHash} on {@code path} with the teacher {@code teacherHash}. */
  public static LabelSetKey of(LabelPath path, String inputHash) {
    return new LabelSetKey(path.teacher().getTeacherId(), path.teacher().getContentHash(), path.mappingRef(),
        path.alignmentRef(), inputHash);
  }

  /** A stable id: the first 32 hex digits of SHA-256 over the five parts. */
  public String id() {
    MessageDigest digest = ContentHash.sha256();
    for (String part : new String[] {teacherId, teacherHash, mapping, alignment, inputHash}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update((byte) (bytes.length >>> 8));
      digest.update((byte) bytes.length);
      digest.update(bytes);
    }
    return ContentHash.hex(digest).substring(0, 32);
  }
}
