package io.crossdistill.aligner;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherSignature;

import java.util.ArrayList;
import java.util.List;

/** Teachers and alignments of the demo set-ups, shared by the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static TeacherSignature signature(String id, Object... namesAndKinds) {
        List<TeacherHead> heads = new ArrayList<>();
        for (int i = 0; i < namesAndKinds.length; i += 2) {
            heads.add(new TeacherHead((String) namesAndKinds[i], (HeadKind) namesAndKinds[i + 1]));
        }
        return TeacherSignature.newBuilder().setTeacherId(id).setContentHash("abc123").setInputs(List.of())
                .setHeads(heads).build();
    }

    /** The video teacher of the simulator: heads click, like, continue_watching (binary), watch_time (regression). */
    static TeacherSignature videoTeacher() {
        return signature("video-teacher", "click", HeadKind.BINARY_LOGIT, "like", HeadKind.BINARY_LOGIT,
                "continue_watching", HeadKind.BINARY_LOGIT, "watch_time", HeadKind.REGRESSION);
    }

    /** The Amazon movies teacher: love (binary), rating (regression), like (binary). */
    static TeacherSignature amazonTeacher() {
        return signature("movies-teacher", "love", HeadKind.BINARY_LOGIT, "rating", HeadKind.REGRESSION,
                "like", HeadKind.BINARY_LOGIT);
    }

    static TaskSource head(String head) {
        return new TaskSource.FromHead(head, new Transform.Identity());
    }

    static TaskSource head(String head, Transform transform) {
        return new TaskSource.FromHead(head, transform);
    }

    /** The music Homepage set-up of the simulator, with fixed transforms only. */
    static TaskAlignmentSpec homepageFixed() {
        return new TaskAlignmentSpec("music-homepage", 1, "simulator homepage", List.of(
                TargetTask.of("click", TaskKind.BINARY, true, head("click"))
                        .withDistillation(new DistillationSettings(1.0, DistillationLoss.SOFT_CROSS_ENTROPY, 2.0)),
                TargetTask.of("like", TaskKind.BINARY, true, head("like", new Transform.Temperature(2.0))),
                TargetTask.of("listen_time", TaskKind.REGRESSION, true, head("watch_time", new Transform.Affine(0.5, 1.0)))
                        .withDistillation(new DistillationSettings(0.3, DistillationLoss.LOGIT_MSE, 1.0)),
                TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled()),
                TargetTask.of("continue_watching", TaskKind.BINARY, false, new TaskSource.AuxiliaryOnly("continue_watching"))
                        .withDistillation(new DistillationSettings(0.5, DistillationLoss.LOGIT_MSE, 1.0))));
    }

    /** The same set-up with calibrations to be fitted. */
    static TaskAlignmentSpec homepageToFit() {
        return new TaskAlignmentSpec("music-homepage", 1, "", List.of(
                TargetTask.of("click", TaskKind.BINARY, true, head("click", Transform.Platt.unfitted())),
                TargetTask.of("like", TaskKind.BINARY, true, head("like", Transform.Isotonic.unfitted())),
                TargetTask.of("listen_time", TaskKind.REGRESSION, true, head("watch_time", Transform.LinearFit.unfitted())),
                TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled()),
                TargetTask.of("continue_watching", TaskKind.BINARY, false, new TaskSource.AuxiliaryOnly("continue_watching"))));
    }

    /** The Amazon movies → music set-up: love ← love, rating ← rating (linear), dislike ← −like. */
    static TaskAlignmentSpec amazon() {
        return new TaskAlignmentSpec("amazon-music", 1, "", List.of(
                TargetTask.of("love", TaskKind.BINARY, true, head("love")),
                TargetTask.of("rating", TaskKind.REGRESSION, true, head("rating", Transform.LinearFit.fitted(0.9, 0.4))),
                TargetTask.of("dislike", TaskKind.BINARY, true,
                        new TaskSource.Mix(List.of(new TaskSource.WeightedHead("like", -1.0)), 0.0))));
    }
}
