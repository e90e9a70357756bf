package io.crossdistill.teacher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.teacher.TeacherFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold count behind hot swap: a retired version answers its holders, then closes after the last one. */
class ServedTeacherTest {

  @TempDir
  Path dir;

  @Test
  void retiredVersion_keepsAnsweringARequestThatHoldsIt_andClosesWhenItReleases() {
    TeacherFixture.write(dir, 7);
    AtomicLong closedWithPasses = new AtomicLong(-1);
    ServedTeacher served = new ServedTeacher(dir, TeacherRuntime.builder().optPoolSize(1).build(Teacher.open(dir)),
        closedWithPasses::set);
    TeacherInputBatch batch = TeacherInputLayout.of(served.signature()).newBatch(1);
    batch.numeric()[0] = 1.5f;
    batch.numeric()[1] = 0.5f;
    batch.ids()[0] = 3;
    batch.ids()[1] = 1;
    batch.setSize(1);
    float[] before = new float[served.headCount()];
    served.predict(batch, before);

    assertThat(served.tryRetain()).as("a request takes a hold").isTrue();
    served.close(); // a new version starts serving: the service drops its own hold
    assertThat(closedWithPasses.get()).as("still open while the request holds it").isEqualTo(-1);
    float[] during = new float[served.headCount()];
    served.predict(batch, during);
    assertThat(during).containsExactly(before);

    served.release(); // the request has answered
    assertThat(closedWithPasses.get()).isEqualTo(2);
    assertThat(served.tryRetain()).as("a closed version takes no new holds").isFalse();
    assertThatThrownBy(() -> served.predict(batch, during)).isInstanceOf(ModelException.class);
  }
}
