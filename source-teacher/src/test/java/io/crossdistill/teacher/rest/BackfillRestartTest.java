package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A service started on what a killed one left (see {@link BackfillApiTest}'s test of the killed service):
 * it lists the jobs it knew, queues again the one that was running, and that job resumes from its
 * checkpoint and completes its label set.
 */
@QuarkusTest
@TestProfile(BackfillRestartProfile.class)
class BackfillRestartTest {

  @Test
  void aJobRunningWhenTheServiceDied_isResumedAtStart_fromItsCheckpoint() {
    Assumptions.assumeTrue(BackfillRestartResource.runningJob().isPresent(),
        "runs after BackfillApiTest, which leaves the state of a killed service");
    String id = BackfillRestartResource.runningJob().get();
    await().atMost(Duration.ofMinutes(2)).until(() -> given().header("X-Api-Key", Fixtures.MUSIC_KEY)
        .get("/api/v1/backfills/" + id).then().statusCode(200).extract().<String>path("state"),
        s -> s.equals("SUCCEEDED") || s.equals("FAILED"));
    JsonPath job = given().header("X-Api-Key", Fixtures.MUSIC_KEY).get("/api/v1/backfills/" + id).then()
        .statusCode(200).extract().jsonPath();
    assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("SUCCEEDED");
    assertThat(job.getLong("resumedFrom")).isEqualTo(10);
    assertThat(job.getString("labelSet")).isEqualTo(BackfillRestartResource.labelSet());
    assertThat(job.getLong("labels") + job.getLong("deadLetters")).isEqualTo(30);
    assertThat(job.getLong("deadLetters")).isEqualTo(3);
    given().header("X-Api-Key", Fixtures.MUSIC_KEY).get("/api/v1/label-sets/" + job.getString("labelSet")).then()
        .statusCode(200).body("cost.runs", equalTo(2)).body("counts.input", equalTo(30));
    given().header("X-Api-Key", Fixtures.MUSIC_KEY).get("/api/v1/backfills").then().statusCode(200)
        .body("id", hasItem(id));
  }
}
