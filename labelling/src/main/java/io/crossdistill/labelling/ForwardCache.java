package io.crossdistill.labelling;

import io.crossdistill.schemas.ContentHash;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Teacher outputs already computed, by (teacher hash, mapping version, mapped row): a label request for a
 * row the teacher has answered before skips the forward pass. Online labels use one (the service's,
 * bounded by weight); backfills and streams do not, since each of their rows is new.
 */
public interface ForwardCache {

  /**
   * Cache key of one mapped row: 128 bits of SHA-256 over the row's bytes, so equal rows share an answer
   * and a collision is not a practical concern.
   *
   * @param teacherHash content hash of the teacher that answers
   * @param mapping {@code name@version} of the mapping that made the row
   * @param rowHigh first 64 bits of the row hash
   * @param rowLow next 64 bits of the row hash
   */
  record Key(String teacherHash, String mapping, long rowHigh, long rowLow) {

    /** The key of row {@code row} of {@code batch}. */
    public static Key of(String teacherHash, String mapping, TeacherInputBatch batch, int row) {
      TeacherInputLayout layout = batch.layout();
      int nw = layout.numericWidth();
      int iw = layout.idCount();
      int sw = layout.stringCount();
      ByteBuffer bytes = ByteBuffer.allocate(4 * nw + 8 * iw);
      for (int c = 0; c < nw; c++) {
        bytes.putInt(Float.floatToIntBits(batch.numeric()[row * nw + c]));
      }
      for (int c = 0; c < iw; c++) {
        bytes.putLong(batch.ids()[row * iw + c]);
      }
      MessageDigest digest = ContentHash.sha256();
      digest.update(bytes.array());
      for (int c = 0; c < sw; c++) {
        String s = batch.strings()[row * sw + c];
        digest.update((byte) (s == null ? 0 : 1));
        if (s != null) {
          byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
          digest.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
          digest.update(utf8);
        }
      }
      ByteBuffer hash = ByteBuffer.wrap(digest.digest());
      return new Key(teacherHash, mapping, hash.getLong(), hash.getLong());
    }
  }

  /** The outputs for {@code key}, or null. */
  float[] get(Key key);

  /** Keeps {@code outputs} (the caller no longer changes the array). */
  void put(Key key, float[] outputs);
}
