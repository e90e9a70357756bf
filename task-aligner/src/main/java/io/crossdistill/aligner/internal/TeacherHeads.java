package io.crossdistill.aligner.internal;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherSignature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The teacher's heads by name: their column in a row of teacher outputs and their kind. */
public final class TeacherHeads {

    /** One head: its column and kind. */
    public record Head(String name, int index, HeadKind kind) {
    }

    private final Map<String, Head> byName = new HashMap<>();
    private final int count;

    public TeacherHeads(TeacherSignature signature) {
        List<TeacherHead> heads = signature.getHeads();
        count = heads.size();
        for (int i = 0; i < heads.size(); i++) {
            TeacherHead head = heads.get(i);
            byName.putIfAbsent(head.getName(), new Head(head.getName(), i, head.getKind()));
        }
    }

    /** @return the head, if the teacher has one of that name */
    public Optional<Head> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the head; the spec is validated, so it exists */
    public Head get(String name) {
        Head head = byName.get(name);
        if (head == null) {
            throw new IllegalStateException("validated spec names an unknown head: " + name);
        }
        return head;
    }

    /** @return how many outputs one row of teacher outputs has */
    public int count() {
        return count;
    }

    /** @return the head kind that produces labels of the given task kind */
    public static HeadKind headKindFor(TaskKind kind) {
        return kind == TaskKind.BINARY ? HeadKind.BINARY_LOGIT : HeadKind.REGRESSION;
    }
}
