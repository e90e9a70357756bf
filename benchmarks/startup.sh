#!/usr/bin/env bash
# Start-up and footprint of the teacher service in JVM mode (issue 13, item 5): trains the reference teacher
# (small simulator world), then starts the packaged service (java -jar quarkus-run.jar) STARTS times per row
# and prints one table: time from process start to HTTP up (/q/health/live UP) and to ready
# (/q/health/ready UP); the CPU time the JVM spent until then (user + system, all threads: it depends far
# less on what else runs than wall time) and of it the main thread's (start-up runs on it: on an idle
# machine the wall time is about that); resident memory (VmRSS from /proc) at idle, and its peak under load
# for the teacher rows (the load generator of benchmarks/service-load.sh: 16 clients, batch 64, cache off,
# LOAD_SECONDS). Rows: without a teacher (the service is live but, by design, not ready) and with the
# reference teacher configured (crossdistill.teacher.path: loaded before the HTTP server opens), each without
# and with a class data sharing archive of the application (a JDK dynamic AppCDS archive: one start with the
# teacher under -XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile).
# Usage, from the project root: benchmarks/startup.sh   (STARTS=5, LOAD_SECONDS=15, WORK=<dir> keeps files,
# JAVA_OPTS=... adds JVM options to every start)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
echo "work dir: $work; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

./crossdistill teacher train --small --out "$work/teachers/reference" >"$work/train.log" 2>&1
python3 benchmarks/reference-fixtures.py "$work"

python3 - "$work" "${STARTS:-5}" "${LOAD_SECONDS:-15}" <<'PY'
import hashlib, os, re, signal, socket, statistics, subprocess, sys, time, urllib.error, urllib.request

work, starts, load_seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
jar = "source-teacher/target/quarkus-app/quarkus-run.jar"
key = "bench-startup-key"
key_hash = hashlib.sha256(key.encode()).hexdigest()
# the settings of benchmarks/service-load.sh: one PyTorch thread per pass
jvm = ["-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
       "-XX:+UseParallelGC"] + os.environ.get("JAVA_OPTS", "").split()
archive = f"{work}/app-cds.jsa"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=1) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def cpu_seconds(pid):
    # user + system time of the whole JVM (every thread, JIT compilers included): unlike wall time it
    # hardly depends on what else runs on the machine
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main_thread_cpu_seconds(pid):
    # the JVM's main thread (named "java" like the launcher's, which only waits): start-up runs on it, so on
    # an otherwise idle machine the time to HTTP up is about this plus what it waits for
    tck, total = os.sysconf("SC_CLK_TCK"), 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        if open(f"/proc/{pid}/task/{tid}/comm").read().strip() == "java":
            fields = open(f"/proc/{pid}/task/{tid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / tck


def rss_mib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for {pid}")


class Service:
    def __init__(self, teacher, extra, data, log):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        cmd = (["java"] + jvm + extra
               + ["-Dquarkus.http.host=127.0.0.1", f"-Dquarkus.http.port={self.port}",
                  f"-Dcrossdistill.data-dir={data}", f"-Dcrossdistill.teacher.root={work}/teachers",
                  "-Dcrossdistill.teacher.train-on-first-start=false",
                  f"-Dcrossdistill.teams.bench.api-key-sha256={key_hash}"]
               + (["-Dcrossdistill.teacher.path=reference"] if teacher else [])
               + ["-jar", jar])
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT)

    def seconds_until(self, path, timeout=300):
        while time.monotonic() - self.t0 < timeout:
            if status(self.url + path) == 200:
                return time.monotonic() - self.t0
            if self.proc.poll() is not None:
                raise SystemExit(f"the service stopped (exit {self.proc.returncode}); see {self.log}")
            time.sleep(0.02)
        raise SystemExit(f"{path} not UP after {timeout} s; see {self.log}")

    def quarkus_started_in(self):
        m = re.search(r"started in ([0-9.]+)s", open(self.log).read())
        return float(m.group(1)) if m else float("nan")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=120)


def post(url, path, body_file):
    req = urllib.request.Request(url + "/api/v1/" + path, data=open(body_file, "rb").read(), method="POST",
                                 headers={"X-Api-Key": key, "Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=30).read()


def rss_under_load(svc):
    for path, body in (("schemas", "schemas/src/main/avro/Example.avsc"), ("mappings", f"{work}/mapping.json"),
                       ("alignments", f"{work}/alignment.json")):
        post(svc.url, path, body)
    load = subprocess.Popen(
        ["java", "-cp", "source-teacher/target/classes", "io.crossdistill.teacher.bench.LabelLoadGenerator",
         "--url", svc.url, "--key", key, "--records", f"{work}/records.jsonl", "--mapping", "bench",
         "--alignment", "bench", "--batch", "64", "--cache", "off", "--clients", "16", "--warmup", "2",
         "--seconds", str(load_seconds)], stdout=open(f"{work}/load.log", "w"), stderr=subprocess.STDOUT)
    peak = 0.0
    while load.poll() is None:
        peak = max(peak, rss_mib(svc.proc.pid))
        time.sleep(0.25)
    if load.returncode != 0:
        raise SystemExit(f"the load generator failed; see {work}/load.log")
    return peak


# the AppCDS archive: one start with the teacher, dumped when it exits
if not os.path.exists(archive):
    svc = Service(True, [f"-XX:ArchiveClassesAtExit={archive}"], f"{work}/data-cds-training", f"{work}/cds-training.log")
    svc.seconds_until("/q/health/ready")
    svc.stop()
    if not os.path.exists(archive):
        raise SystemExit(f"no archive written; see {work}/cds-training.log")

rows = []
for teacher in (False, True):
    for cds in (False, True):
        name = ("teacher" if teacher else "no-teacher") + ("-appcds" if cds else "")
        extra = [f"-XX:SharedArchiveFile={archive}"] if cds else []
        live, ready, cpu, main, started, idle, loaded = [], [], [], [], [], [], None
        for i in range(starts):
            # the same data directory for every start of a row: later starts replay its registry journal
            svc = Service(teacher, extra, f"{work}/data-{name}", f"{work}/{name}-{i}.log")
            try:
                live.append(svc.seconds_until("/q/health/live"))
                if teacher:
                    ready.append(svc.seconds_until("/q/health/ready"))
                cpu.append(cpu_seconds(svc.proc.pid))
                main.append(main_thread_cpu_seconds(svc.proc.pid))
                time.sleep(3)
                started.append(svc.quarkus_started_in())
                idle.append(rss_mib(svc.proc.pid))
                if teacher and i == starts - 1:
                    loaded = rss_under_load(svc)
            finally:
                svc.stop()
        rows.append((teacher, cds, live, ready, cpu, main, started, idle, loaded))


def med(xs, fmt="{:.2f}"):
    if not xs:
        return "—"
    return fmt.format(statistics.median(xs)) + " (" + fmt.format(min(xs)) + "–" + fmt.format(max(xs)) + ")"


print(f"\nJVM mode, {starts} starts per row: median (min–max); load average after: "
      + " ".join(open("/proc/loadavg").read().split()[:3]))
print("| teacher | AppCDS | HTTP up, s | ready, s | CPU until then, s | of it the main thread, s | Quarkus 'started in', s "
      "| RSS idle, MiB | RSS under load (peak), MiB |")
print("|---|---|---|---|---|---|---|---|---|")
for teacher, cds, live, ready, cpu, main, started, idle, loaded in rows:
    print(f"| {'reference, loaded at start' if teacher else 'none (not ready by design)'} | {'yes' if cds else 'no'} "
          f"| {med(live)} | {med(ready) if teacher else 'never (no teacher)'} | {med(cpu)} | {med(main)} | {med(started)} "
          f"| {med(idle, '{:.0f}')} | {'{:.0f}'.format(loaded) if loaded else '—'} |")
print(f"\nAppCDS archive: {archive} ({os.path.getsize(archive) / 2**20:.0f} MiB, JDK dynamic archive from one start "
      "with the teacher)")
PY
