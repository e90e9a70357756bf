package io.crossdistill.teacher.brokenteacher;

import io.crossdistill.teacher.registry.JournalRegistryLog;
import io.crossdistill.teacher.registry.RegistryEntry;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.service.RegistryProducer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The state an operator finds after a teacher's artifact was damaged on disk: the registry journal holds
 * teacher {@link #TEACHER_ID} (registered when it was whole), and its directory under the teachers root
 * holds a {@code network.json} that is not JSON and no parameters. No teacher serves.
 */
public class BrokenTeacherResource implements QuarkusTestResourceLifecycleManager {

  static final String TEACHER_ID = "broken-teacher";
  static final String DIR = "broken-v1";
  static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Override
  public Map<String, String> start() {
    try {
      Path base = Files.createTempDirectory("crossdistill-broken-teacher");
      Path data = Files.createDirectories(base.resolve("data"));
      Path teachers = Files.createDirectories(base.resolve("teachers"));
      Files.writeString(Files.createDirectories(teachers.resolve(DIR)).resolve("network.json"), "{\"layers\": [1, 2,");
      JournalRegistryLog journal = new JournalRegistryLog(data.resolve(RegistryProducer.JOURNAL_FILE));
      journal.open(entry -> { });
      journal.append(new RegistryEntry(RegistryEntry.Op.PUT, ResourceKind.TEACHER, TEACHER_ID, 1, "_service", HASH,
          "{\"contentHash\":\"" + HASH + "\",\"path\":\"" + DIR + "\"}", Map.of("path", DIR), 0L, "broken-teacher-test"));
      journal.close();
      return Map.of("crossdistill.data-dir", data.toString(), "crossdistill.teacher.root", teachers.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // the directories are left for post-mortems
  }
}
