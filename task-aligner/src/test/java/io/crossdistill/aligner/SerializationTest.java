package io.crossdistill.aligner;

import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerializationTest {

    static Stream<TaskAlignmentSpec> specs() {
        TaskAlignmentSpec fitted = Fixtures.homepageToFit().withVersion(2).withTasks(List.of(
                TargetTask.of("click", TaskKind.BINARY, true, Fixtures.head("click", Transform.Platt.fitted(0.51, -0.98))),
                TargetTask.of("like", TaskKind.BINARY, true, Fixtures.head("like",
                        new Transform.Isotonic(List.of(-2.0, 0.5, 3.0), List.of(0.1, 0.4, 0.9)))),
                TargetTask.of("half", TaskKind.BINARY, true, Fixtures.head("like",
                        new Transform.Platt(OptionalDouble.of(1), OptionalDouble.empty()))),
                TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled())
                        .withDistillation(new DistillationSettings(0.0, DistillationLoss.LOGIT_MSE, 1.0))));
        return Stream.of(Fixtures.homepageFixed(), Fixtures.homepageToFit(), Fixtures.amazon(), fitted);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void json_writeThenRead_givesTheSameSpec(TaskAlignmentSpec spec) {
        assertThat(AlignmentJson.read(AlignmentJson.write(spec))).isEqualTo(spec);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void avro_writeThenRead_givesTheSameSpec(TaskAlignmentSpec spec) {
        assertThat(AlignmentAvro.fromBytes(AlignmentAvro.toBytes(spec))).isEqualTo(spec);
        assertThat(AlignmentAvro.fromAvro(AlignmentAvro.toAvro(spec))).isEqualTo(spec);
    }

    @Test
    void json_goldenHomepageFile_readsAsTheHomepageSpecAndWritesBackIdentically() throws IOException {
        String golden = resource("/homepage-alignment.json");
        assertThat(AlignmentJson.read(golden)).isEqualTo(Fixtures.homepageFixed());
        assertThat(AlignmentJson.write(Fixtures.homepageFixed()).strip()).isEqualTo(golden.strip());
    }

    @Test
    void json_shorthand_defaultsServingTransformAndDistillation() {
        TaskAlignmentSpec spec = AlignmentJson.read("""
                {"name": "a", "version": 1, "tasks": [
                  {"name": "click", "kind": "binary", "source": {"type": "head", "head": "click"}},
                  {"name": "x", "kind": "BINARY", "source": {"type": "not-distilled"},
                   "distillation": {"loss": "SOFT_CROSS_ENTROPY"}}]}""");
        assertThat(spec.tasks().get(0)).isEqualTo(TargetTask.of("click", TaskKind.BINARY, true, Fixtures.head("click")));
        assertThat(spec.tasks().get(1).distillation().loss()).isEqualTo(DistillationLoss.SOFT_CROSS_ENTROPY);
    }

    @Test
    void json_structuralMistakes_areAllListedWithPointers() {
        assertThatThrownBy(() -> AlignmentJson.read("""
                {"name": 3, "version": 1.5, "colour": "red", "tasks": [
                  {"name": "click", "kind": "binary", "source": {"type": "heads", "head": "click"}},
                  {"name": "like", "kind": "trinary", "source": {"type": "head", "head": "like",
                     "transform": {"type": "temperature", "t": "hot"}},
                   "distillation": {"wieght": 1}},
                  {"kind": "binary", "source": {"type": "mix", "heads": [{"head": "a"}]}}]}"""))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).containsExactly(
                                "/colour", "/name", "/version",
                                "/tasks/0/source/type",
                                "/tasks/1/kind", "/tasks/1/source/transform/t", "/tasks/1/distillation/wieght",
                                "/tasks/2/name", "/tasks/2/source/heads/0/weight"));
    }

    @Test
    void json_notJsonOrDuplicatedField_isAnAlignmentException() {
        assertThatThrownBy(() -> AlignmentJson.read("{\"name\": "))
                .isInstanceOf(AlignmentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> AlignmentJson.read("{\"name\": \"a\", \"name\": \"b\", \"version\": 1, \"tasks\": []}"))
                .isInstanceOf(AlignmentException.class).hasMessageContaining("Duplicate field");
    }

    @Test
    void avro_garbageBytes_isAnAlignmentException() {
        assertThatThrownBy(() -> AlignmentAvro.fromBytes(new byte[]{(byte) 0xff, 1, 2}))
                .isInstanceOf(AlignmentException.class);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SerializationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
