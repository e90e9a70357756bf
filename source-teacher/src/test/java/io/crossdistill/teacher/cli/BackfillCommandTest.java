package io.crossdistill.teacher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.models.ModelException;
import io.crossdistill.teacher.TeacherFixture;
import io.crossdistill.teacher.backfill.ListenFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code backfill} run in process, as the launcher runs it, with the real fixture teacher: the same job
 * into two label stores gives the same set, byte for byte; the same job again reuses it; bad usage lists
 * every problem with exit code 2.
 */
class BackfillCommandTest {

  private static final String SCHEMA = """
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "listen_minutes", "type": "double"},
        {"name": "genre", "type": "string"}
      ]}""";

  private static final String MAPPING = """
      {"name": "listen-to-video", "version": 3, "targetSchema": "com.music.Listen", "teacher": {"id": "video-teacher"},
       "rules": [
        {"input": "watch_minutes", "from": "/listen_minutes", "transforms": [{"op": "clip", "min": 0, "max": 10}],
         "onMissing": "reject"},
        {"input": "freshness", "default": true},
        {"input": "genre", "from": "/genre", "transforms": [{"op": "lookup", "table": {"rock": 3, "pop": 5}, "otherwise": 0}]},
        {"input": "device", "default": true}
       ]}""";

  private static final String ALIGNMENT = """
      {"name": "music-home", "version": 2, "description": "music home", "tasks": [
        {"name": "listen", "kind": "binary", "serving": true,
         "source": {"type": "head", "head": "click", "transform": {"type": "identity"}}},
        {"name": "continue", "kind": "binary", "serving": false,
         "source": {"type": "auxiliary-only", "head": "continue_watching"}}
      ]}""";

  private static final Pattern SET_ID = Pattern.compile("label set ([0-9a-f]{32})");

  @TempDir
  static Path dir;

  @BeforeAll
  static void writeTeacherSpecsAndInput() throws IOException, ModelException {
    TeacherFixture.write(dir.resolve("teacher"), 7);
    Files.writeString(dir.resolve("listen.avsc"), SCHEMA);
    Files.writeString(dir.resolve("mapping.json"), MAPPING);
    Files.writeString(dir.resolve("alignment.json"), ALIGNMENT);
    Files.createDirectories(dir.resolve("input"));
    ListenFiles.write(dir.resolve("input/part-0.avro"), new Schema.Parser().parse(SCHEMA), 30, 7);
    ListenFiles.write(dir.resolve("input/part-1.avro"), new Schema.Parser().parse(SCHEMA), 13, 5);
  }

  @Test
  void theSameJob_intoTwoStores_makesByteIdenticalShards_andTheSameSet_andAgainReusesIt() throws IOException {
    Run first = backfill("--store", dir.resolve("store-a").toString(), "--shard-records", "16");
    Run second = backfill("--store", dir.resolve("store-b").toString(), "--shard-records", "16");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isZero();
    // 43 input records: 4 + 2 have NaN minutes and go to dead letters
    assertThat(first.out()).contains("43 input records = 37 labels + 6 dead letters").contains("teacher time:");
    String id = first.setId();
    assertThat(second.setId()).isEqualTo(id);

    Path a = dir.resolve("store-a").resolve(id);
    Path b = dir.resolve("store-b").resolve(id);
    List<String> shards = shardFiles(a);
    assertThat(shards).containsExactly("dead-letters-00000.avro", "dead-letters-00001.avro", "dead-letters-00002.avro",
        "labels-00000.avro", "labels-00001.avro", "labels-00002.avro");
    assertThat(shardFiles(b)).isEqualTo(shards);
    for (String shard : shards) {
      assertThat(Files.readAllBytes(b.resolve(shard))).as(shard).isEqualTo(Files.readAllBytes(a.resolve(shard)));
    }
    LabelSetManifest manifestA = LabelSetManifest.read(a);
    LabelSetManifest manifestB = LabelSetManifest.read(b);
    assertThat(manifestB.id()).isEqualTo(manifestA.id()).isEqualTo(id);
    assertThat(manifestB.labelSetHash()).isEqualTo(manifestA.labelSetHash());
    assertThat(manifestA.key().mapping()).isEqualTo("listen-to-video@3");
    assertThat(manifestA.key().alignment()).isEqualTo("music-home@2");
    assertThat(manifestA.input()).isEqualTo("2 Avro file(s) at input");

    Run again = backfill("--store", dir.resolve("store-a").toString(), "--shard-records", "16");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.setId()).isEqualTo(id);
    assertThat(again.out()).contains("reused: the set existed");
    assertThat(LabelSetManifest.read(a).reuse().requests()).isEqualTo(1);
  }

  @Test
  void badUsage_listsEveryProblem_withExitCode2() throws IOException {
    StringWriter err = new StringWriter();
    CommandLine cli = TeacherCli.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute("backfill", "--batch-rows", "0", "--input", "x.avro", "--ratings", dir.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--teacher is required", "--mapping is required", "--alignment is required",
        "--input PATH (Avro files) or --ratings DIR", "--batch-rows: must be at least 1");

    Path bad = dir.resolve("bad-mapping.json");
    Files.writeString(bad, MAPPING.replace("/listen_minutes", "/no_such_field").replace("\"device\"", "\"dev\""));
    Run invalid = backfill("--mapping", bad.toString(), "--store", dir.resolve("store-c").toString());
    assertThat(invalid.exit()).isEqualTo(2);
    assertThat(invalid.err()).contains("--mapping /rules/0").contains("--mapping /rules/3");
    assertThat(dir.resolve("store-c")).doesNotExist();
  }

  private record Run(int exit, String out, String err) {
    String setId() {
      Matcher m = SET_ID.matcher(out);
      assertThat(m.find()).as(out + err).isTrue();
      return m.group(1);
    }
  }

  /** Runs {@code backfill} with the test's teacher, specs and input; {@code extra} adds or overrides options. */
  private static Run backfill(String... extra) {
    List<String> args = new ArrayList<>(List.of("backfill", "--teacher", dir.resolve("teacher").toString(),
        "--schema", dir.resolve("listen.avsc").toString(), "--alignment", dir.resolve("alignment.json").toString(),
        "--input", dir.resolve("input").toString()));
    if (!List.of(extra).contains("--mapping")) {
      args.addAll(List.of("--mapping", dir.resolve("mapping.json").toString()));
    }
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TeacherCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static List<String> shardFiles(Path set) throws IOException {
    try (Stream<Path> files = Files.list(set)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avro")).sorted().toList();
    }
  }
}
