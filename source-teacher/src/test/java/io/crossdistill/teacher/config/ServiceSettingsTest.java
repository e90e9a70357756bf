package io.crossdistill.teacher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole configuration is checked at start, and every problem is reported in one message. */
class ServiceSettingsTest {

  private static final String HASH = "741377586281792a56c1b0bba7985c734d1bd2dc9d1fb5dbd348444f3245b85a";

  @TempDir
  Path dir;

  @Test
  void embeddedDefaults_resolveUnderTheDataDirectory() {
    ServiceSettings settings = new ServiceSettings(config(dir.toString(), Optional.empty(), Optional.empty(), 1024,
        ServiceConfig.RegistryKind.JOURNAL, Optional.empty(), Map.of("music", team(HASH, false))));
    assertThat(settings.teachersRoot()).isEqualTo(dir.resolve("teachers").toAbsolutePath().normalize());
    assertThat(settings.labelStore()).isEqualTo(dir.resolve("label-sets").toAbsolutePath().normalize());
    assertThat(settings.backfillDataRoot()).isEqualTo(dir.resolve("inputs").toAbsolutePath().normalize());
    assertThat(settings.reportsRoot()).isEqualTo(dir.resolve("reports").toAbsolutePath().normalize());
    assertThat(settings.teacherPath()).isEmpty();
    assertThat(settings.teamByKeyHash()).containsEntry(HASH, "music");
    assertThat(settings.isOperator("music")).isFalse();
  }

  @Test
  void aConfiguredTeacher_mustBeADirectoryInsideTheRoot() throws Exception {
    Files.createDirectories(dir.resolve("teachers/video"));
    ServiceSettings ok = new ServiceSettings(config(dir.toString(), Optional.empty(), Optional.of("video"), 1,
        ServiceConfig.RegistryKind.JOURNAL, Optional.empty(), Map.of()));
    assertThat(ok.teacherPath()).contains(dir.resolve("teachers/video").toAbsolutePath().normalize());
    assertThatThrownBy(() -> new ServiceSettings(config(dir.toString(), Optional.empty(), Optional.of("../elsewhere"), 1,
        ServiceConfig.RegistryKind.JOURNAL, Optional.empty(), Map.of())))
        .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("outside the teachers root");
  }

  @Test
  void everyProblem_isListedAtOnce_andNoSecretIsEchoed() {
    String wrongHash = "not-a-hash-but-maybe-a-key";
    assertThatThrownBy(() -> new ServiceSettings(config(dir.toString(), Optional.empty(), Optional.of("missing"), 0,
        ServiceConfig.RegistryKind.KAFKA, Optional.empty(),
        Map.of("Music Team", team(wrongHash, false), "a", team(HASH, false), "b", team(HASH, true)))))
        .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.teacher.path"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.labels.max-batch"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.backfill.max-concurrent"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.reports.max-html-bytes: must be in [1, 2147483639], got 0"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.bootstrap-servers: required"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.mapping: required"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.alignment: 'home' is not name@version"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.team: 'nobody' is not a configured team"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.input-topic: must differ"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.stream.max-poll-records"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.teacher.runtime.pool-size"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.teacher.runtime.max-wait-micros"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.registry.kafka.bootstrap-servers"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.teams.Music Team:"));
          assertThat(e.problems()).anyMatch(p -> p.startsWith("crossdistill.teams.Music Team.api-key-sha256"));
          assertThat(e.problems()).anyMatch(p -> p.contains("the same key is configured for team"));
          assertThat(e.getMessage()).doesNotContain(wrongHash).doesNotContain(HASH);
        });
  }

  private static ServiceConfig.Team team(String hash, boolean operator) {
    return new ServiceConfig.Team() {
      @Override
      public String apiKeySha256() {
        return hash;
      }

      @Override
      public boolean operator() {
        return operator;
      }
    };
  }

  private static ServiceConfig config(String dataDir, Optional<String> root, Optional<String> teacher, int maxBatch,
      ServiceConfig.RegistryKind kind, Optional<String> bootstrap, Map<String, ServiceConfig.Team> teams) {
    return new ServiceConfig() {
      @Override
      public String dataDir() {
        return dataDir;
      }

      @Override
      public Teacher teacher() {
        return new Teacher() {
          @Override
          public Optional<String> root() {
            return root;
          }

          @Override
          public Optional<String> path() {
            return teacher;
          }

          @Override
          public boolean trainOnFirstStart() {
            return false;
          }

          @Override
          public FirstStartSize firstStartSize() {
            return FirstStartSize.SMALL;
          }

          @Override
          public Runtime runtime() {
            return new Runtime() {
              @Override
              public Optional<Integer> poolSize() {
                return maxBatch < 1 ? Optional.of(0) : Optional.empty();
              }

              @Override
              public int maxBatchRows() {
                return 256;
              }

              @Override
              public long maxWaitMicros() {
                return maxBatch < 1 ? -1 : 1000;
              }
            };
          }
        };
      }

      @Override
      public Registry registry() {
        return new Registry() {
          @Override
          public RegistryKind kind() {
            return kind;
          }

          @Override
          public Kafka kafka() {
            return new Kafka() {
              @Override
              public Optional<String> bootstrapServers() {
                return bootstrap;
              }

              @Override
              public String topic() {
                return "t";
              }

              @Override
              public short replicationFactor() {
                return 1;
              }

              @Override
              public int startupTimeoutSeconds() {
                return 5;
              }
            };
          }
        };
      }

      @Override
      public Labels labels() {
        return new Labels() {
          @Override
          public int maxBatch() {
            return maxBatch;
          }

          @Override
          public int maxSample() {
            return 10;
          }

          @Override
          public Optional<String> store() {
            return Optional.empty();
          }
        };
      }

      @Override
      public Backfill backfill() {
        return new Backfill() {
          @Override
          public Optional<String> dataRoot() {
            return Optional.empty();
          }

          @Override
          public int maxConcurrent() {
            return maxBatch < 1 ? 0 : 1;
          }
        };
      }

      /** Off, except in the bad configuration: on, with every required key missing or wrong. */
      @Override
      public Stream stream() {
        boolean bad = maxBatch < 1;
        return new Stream() {
          @Override
          public boolean enabled() {
            return bad;
          }

          @Override
          public Optional<String> bootstrapServers() {
            return Optional.empty();
          }

          @Override
          public Optional<String> inputTopic() {
            return Optional.of("examples");
          }

          @Override
          public Optional<String> outputTopic() {
            return Optional.of("examples");
          }

          @Override
          public Optional<String> deadLetterTopic() {
            return Optional.of("dead");
          }

          @Override
          public String groupId() {
            return "labeller";
          }

          @Override
          public Optional<String> mapping() {
            return Optional.empty();
          }

          @Override
          public Optional<String> alignment() {
            return Optional.of("home");
          }

          @Override
          public Optional<String> team() {
            return Optional.of("nobody");
          }

          @Override
          public Optional<String> instanceId() {
            return Optional.empty();
          }

          @Override
          public String transactionalIdPrefix() {
            return "crossdistill-labels";
          }

          @Override
          public int maxPollRecords() {
            return bad ? 0 : 2000;
          }

          @Override
          public Map<String, String> kafka() {
            return Map.of();
          }
        };
      }

      /** The default root; in the bad configuration a limit of 0 bytes. */
      @Override
      public Reports reports() {
        return new Reports() {
          @Override
          public Optional<String> root() {
            return Optional.empty();
          }

          @Override
          public long maxHtmlBytes() {
            return maxBatch < 1 ? 0 : 1024;
          }
        };
      }

      @Override
      public Cache cache() {
        return new Cache() {
          @Override
          public boolean teacherOutputsEnabled() {
            return true;
          }

          @Override
          public long teacherOutputsMaxBytes() {
            return 1024;
          }

          @Override
          public int compiledMaxEntries() {
            return 4;
          }
        };
      }

      @Override
      public Map<String, Team> teams() {
        return teams;
      }
    };
  }
}
