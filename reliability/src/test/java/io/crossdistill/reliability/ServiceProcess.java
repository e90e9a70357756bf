package io.crossdistill.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged teacher service ({@code quarkus-run.jar}) run as a child process on a free loopback port,
 * on a data directory of its own, with the suite's teams ({@link Teams}) and the fixture teacher serving
 * from the start. It can be stopped, killed with {@code kill -9} and started again on the same directories.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Path home;
  private final Map<String, String> settings;
  private final int port;
  private Process process;
  private int starts;

  private ServiceProcess(Path home, Map<String, String> settings) {
    this.home = home;
    this.settings = settings;
    this.port = freePort();
  }

  /**
   * Starts a service in a new temporary home (data dir, teachers root with the fixture teacher, backfill
   * inputs) and waits until it is ready.
   *
   * @param settings further {@code -Dkey=value} settings ({@code crossdistill.*}, {@code quarkus.*})
   */
  public static ServiceProcess start(Map<String, String> settings) {
    try {
      Path home = Files.createTempDirectory("crossdistill-reliability");
      Files.createDirectories(home.resolve("inputs"));
      FixtureTeacher.copyInto(home.resolve("teachers"));
      ServiceProcess service = new ServiceProcess(home, new LinkedHashMap<>(settings));
      service.launch();
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the service again on the same directories and port, after {@link #kill} or {@link #stop}. */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the service is still running");
    }
    launch();
  }

  /** Starts the service again with changed settings (e.g. another label store), same directories. */
  public void restart(Map<String, String> changed) {
    settings.putAll(changed);
    restart();
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** A graceful stop (SIGTERM). */
  public void stop() {
    process.destroy();
    if (!awaitExit()) {
      kill();
    }
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path home() {
    return home;
  }

  /** Where backfill inputs go: the service's backfill data root. */
  public Path inputs() {
    return home.resolve("inputs");
  }

  public Path log() {
    return home.resolve("service-" + starts + ".log");
  }

  private void launch() {
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-Dai.djl.offline=true");
    command.add("-Dai.djl.pytorch.num_threads=1");
    command.add("-Dai.djl.pytorch.num_interop_threads=1");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dcrossdistill.data-dir=" + home.resolve("data"));
    command.add("-Dcrossdistill.teacher.root=" + home.resolve("teachers"));
    command.add("-Dcrossdistill.teacher.path=" + FixtureTeacher.DIR);
    command.add("-Dcrossdistill.backfill.data-root=" + inputs());
    command.addAll(Teams.settings());
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(serviceJar().toString());
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the teacher service", e);
    }
    awaitReady();
  }

  private static Path serviceJar() {
    String property = System.getProperty("crossdistill.reliability.service-jar");
    Path jar = Path.of(property == null ? "../source-teacher/target/quarkus-app/quarkus-run.jar" : property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the packaged service is missing: " + jar
          + " (mvn -pl source-teacher -am package -DskipTests builds it)");
    }
    return jar.toAbsolutePath();
  }

  private void awaitReady() {
    Http http = new Http(base());
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service stopped during start (exit " + process.exitValue() + "):\n"
            + logTail());
      }
      if (http.probe("/q/health/ready") == 200) {
        return;
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("the service was not ready within " + READY_TIMEOUT + ":\n" + logTail());
  }

  /** The last lines of the current log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean awaitExit() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
