// One measured run of the log-throughput benchmark, in a fresh process so that its peak RSS is this
// job's alone: stores a producer's output through runProcess and the log writer (a log file indexed
// in SQLite), prints {"rate": MB/s, "peakRss": bytes, "idleRss": bytes} as JSON. Usage: node log-throughput-job.ts DIR SIZE SECRETS…
import { join } from 'node:path';
import { createLogWriter } from '../src/main/engine/pipelines/run-logs/log-writer.ts';
import { createMasker } from '../src/main/engine/kernel/masking/masker.ts';
import { runProcess } from '../src/main/engine/pipelines/process/run-process.ts';
import { openDatabase } from '../src/main/engine/kernel/store/database.ts';
import { LINES, MB, PRODUCER } from './log-producer.ts';

const [dir, sizeArgument, ...secrets] = process.argv.slice(2);
const size = Number(sizeArgument);
const db = openDatabase(join(dir!, `cockpit-${secrets.length}.db`));
const attemptId = seedAttempt();
const idleRss = process.memoryUsage.rss();
let peakRss = idleRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 10);

const started = performance.now();
const writer = createLogWriter({
  db,
  attemptId,
  logDir: join(dir!, 'run-logs'),
  masker: createMasker(secrets),
  capBytes: 1024 * MB, // above the output: measure storing, not discarding
  now: Date.now,
  onLines: () => undefined,
});
const outcome = await runProcess(
  { script: PRODUCER, shell: 'bash', cwd: dir!, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
  (stream, chunk) => writer.write(stream, chunk),
);
const { bytes, lines } = writer.close();
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss());
db.close();
// Stored bytes count a break after every line, the last one included.
if (outcome.exitCode !== 0 || Math.abs(bytes - size) > 1 || lines !== LINES) {
  throw new Error(`log bench: unexpected result ${JSON.stringify({ outcome, bytes, lines, size })}`);
}
process.stdout.write(JSON.stringify({ rate: size / MB / seconds, peakRss, idleRss }));

function seedAttempt(): number {
  const project = db
    .prepare(
      "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('b', '/b', 1, 'ok', 1)",
    )
    .run().lastInsertRowid;
  const run = db
    .prepare(
      "INSERT INTO runs (project_id, pipeline, status, trigger, actor, queued_at, definition) VALUES (?, 'bench', 'running', 'manual', 'bench', 1, '{}')",
    )
    .run(project).lastInsertRowid;
  const job = db
    .prepare("INSERT INTO jobs (run_id, name, position, status) VALUES (?, 'log', 0, 'running')")
    .run(run).lastInsertRowid;
  return Number(
    db
      .prepare("INSERT INTO attempts (job_id, number, status, started_at) VALUES (?, 1, 'running', 1)")
      .run(job).lastInsertRowid,
  );
}
