package io.crossdistill.demo;

import io.crossdistill.schemas.ContentHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The teacher service started as a child process for the demo: on a free loopback port, with its own
 * data directory, serving one teacher artifact, with one team whose random API key only this process
 * knows (the service is given its SHA-256). Closing it stops the service.
 */
final class TeacherServiceProcess implements AutoCloseable {

  static final String TEAM = "demo";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final URI base;
  private final String apiKey;
  private final Path log;

  private TeacherServiceProcess(Process process, URI base, String apiKey, Path log) {
    this.process = process;
    this.base = base;
    this.apiKey = apiKey;
    this.log = log;
  }

  /**
   * Starts the service and waits until it is ready (teacher loaded).
   *
   * @param serviceJar the service's {@code quarkus-run.jar}
   * @param teacherRoot the teachers root the service may read
   * @param teacherDir the artifact to serve, under {@code teacherRoot}
   * @param inputs the backfill data root: the directory whose split files the service may label
   * @param workDir where the service keeps its data directory and log
   */
  static TeacherServiceProcess start(Path serviceJar, Path teacherRoot, Path teacherDir, Path inputs, Path workDir) {
    if (!Files.isRegularFile(serviceJar)) {
      throw new IllegalStateException("the teacher service is not built: " + serviceJar
          + " is missing (./crossdistill builds it; or run mvn -pl source-teacher -am package -DskipTests)");
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String apiKey = HexFormat.of().formatHex(secret);
    java.security.MessageDigest digest = ContentHash.sha256();
    digest.update(apiKey.getBytes(StandardCharsets.UTF_8));
    String keyHash = ContentHash.hex(digest);
    int port = freePort();
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve("service.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Dai.djl.offline=true");
      command.add("-Dai.djl.pytorch.num_threads=1");
      command.add("-Dai.djl.pytorch.num_interop_threads=1");
      command.add("-Dquarkus.http.host=127.0.0.1");
      command.add("-Dquarkus.http.port=" + port);
      command.add("-Dcrossdistill.data-dir=" + workDir.resolve("data").toAbsolutePath());
      command.add("-Dcrossdistill.teacher.root=" + teacherRoot.toAbsolutePath());
      command.add("-Dcrossdistill.teacher.path=" + teacherRoot.toAbsolutePath().relativize(teacherDir.toAbsolutePath()));
      // backfills read the run's split files under the demo's directory and write the service's label store
      command.add("-Dcrossdistill.backfill.data-root=" + inputs.toAbsolutePath());
      command.add("-Dcrossdistill.labels.store=" + labelStore(workDir).toAbsolutePath());
      command.add("-Dcrossdistill.teams." + TEAM + ".api-key-sha256=" + keyHash);
      command.add("-jar");
      command.add(serviceJar.toAbsolutePath().toString());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      TeacherServiceProcess service = new TeacherServiceProcess(process, URI.create("http://127.0.0.1:" + port),
          apiKey, log);
      service.awaitReady();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the teacher service", e);
    }
  }

  /** The label store of a service started with {@code workDir}. */
  static Path labelStore(Path workDir) {
    return workDir.resolve("data").resolve("label-sets");
  }

  URI base() {
    return base;
  }

  String apiKey() {
    return apiKey;
  }

  Path log() {
    return log;
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the teacher service stopped during start (exit " + process.exitValue()
            + "); its log: " + log + "\n" + tail());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the teacher service", e);
      }
      try {
        process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the teacher service", e);
      }
    }
    close();
    throw new IllegalStateException("the teacher service was not ready within " + READY_TIMEOUT.toSeconds()
        + " s; its log: " + log + "\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
