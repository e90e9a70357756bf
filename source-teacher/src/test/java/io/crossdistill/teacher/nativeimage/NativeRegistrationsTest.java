package io.crossdistill.teacher.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The native-image registrations stay true to the code: every Avro class listed, every name a class. */
class NativeRegistrationsTest {

  private static final RegisterForReflection REGISTRATIONS =
      NativeRegistrations.class.getAnnotation(RegisterForReflection.class);

  @Test
  void registrations_listEveryAvroRecordAndEnumOfTheSchemasModule() throws Exception {
    List<String> generated = avroClassesOfTheSchemasModule();
    // the schemas module has records and enums: a scan that finds none scanned the wrong place
    assertThat(generated).contains("io.crossdistill.v1.TeacherSignature", "io.crossdistill.v1.HeadKind");

    assertThat(Arrays.stream(REGISTRATIONS.targets()).map(Class::getName)).containsExactlyInAnyOrderElementsOf(generated);
  }

  @Test
  void registrations_everyClassName_namesAClass() {
    assertThat(REGISTRATIONS.classNames()).isNotEmpty().allSatisfy(name ->
        assertThat(Class.forName(name, false, NativeRegistrationsTest.class.getClassLoader())).isNotNull());
  }

  /** Top-level classes of package io.crossdistill.v1 that Avro reads reflectively: records and enums. */
  private static List<String> avroClassesOfTheSchemasModule() throws IOException, URISyntaxException {
    Path location = Path.of(io.crossdistill.v1.TeacherSignature.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    if (Files.isDirectory(location)) {
      return avroClasses(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
      return avroClasses(jar.getPath("/"));
    }
  }

  private static List<String> avroClasses(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("io/crossdistill/v1"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.contains("$"))
          .map(n -> "io.crossdistill.v1." + n.substring(0, n.length() - ".class".length()))
          .filter(NativeRegistrationsTest::readReflectivelyByAvro)
          .sorted().toList();
    }
  }

  private static boolean readReflectivelyByAvro(String name) {
    try {
      Class<?> type = Class.forName(name, false, NativeRegistrationsTest.class.getClassLoader());
      return SpecificRecord.class.isAssignableFrom(type) || type.isEnum();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
