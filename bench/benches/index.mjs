// The benchmarks of issues 8, 12 and 19, in order. `file` is under bench/benches/; each exports run(ctx).
/** @type {Array<{id: string, n: number, file: string, title: string, target: string, needsPython?: boolean, timeoutSec: number}>} */
export const BENCHES = [
  { id: 'scenario', n: 1, file: 'scenario-warm.mjs', title: 'Scenario, embedded, warm in-process', target: 'median ≤ 10 ms; ≥ 10x boto3+moto', needsPython: true, timeoutSec: 240 },
  { id: 'cold-start', n: 2, file: 'cold-start.mjs', title: 'CLI cold start (iamflow run assume-role.yaml)', target: 'median of 10 ≤ 0.4 s; --version ≤ 0.15 s', timeoutSec: 240 },
  { id: 'serve-capacity', n: 3, file: 'serve-capacity.mjs', title: 'iamflow serve capacity: replayed signed GetCallerIdentity vs bare node:http and moto', target: '≥ 0.5x bare (server CPU/request); ≤ 0.1x moto CPU/request', needsPython: true, timeoutSec: 180 },
  { id: 'serve-boto3', n: 4, file: 'serve-boto3.mjs', title: 'iamflow serve vs moto, boto3 threads', target: '≥ 3x moto', needsPython: true, timeoutSec: 240 },
  { id: 'policy', n: 5, file: 'policy.mjs', title: 'Policy engine µs/eval', target: '≤ 5 µs, flat with 1,000 policies', timeoutSec: 180 },
  { id: 'state', n: 6, file: 'state-scale.mjs', title: 'State scale: 10k users, roles, policies', target: 'RSS ≤ 200 MB; page time independent of total', timeoutSec: 300 },
  { id: 'propagation', n: 7, file: 'propagation.mjs', title: 'Propagation waits, 3 s consistency delay', target: 'total ≤ 3.3 s', timeoutSec: 120 },
  { id: 'parallel', n: 8, file: 'parallel.mjs', title: '100 scenario files, --parallel 8', target: '≤ 3 s; speed-up over serial', timeoutSec: 300 },
  { id: 'serve-hostile', n: 9, file: 'serve-hostile.mjs', title: 'iamflow serve, 200 hostile unsigned 1 GB connections', target: 'RSS ≤ 300 MB; GetCallerIdentity p99 ≤ 50 ms', timeoutSec: 180 },
  { id: 'list-objects', n: 10, file: 'list-objects.mjs', title: 'S3 ListObjectsV2 page, 100k objects vs 1k', target: 'page time flat (≤ 1.5x)', timeoutSec: 300 },
  { id: 'durability', n: 11, file: 'state-durability.mjs', title: 'serve --state: journal cost, compaction, 512 MiB of bodies', target: 'loop block ≤ 20 ms while saving; no RangeError', timeoutSec: 900 },
  { id: 'test-loop', n: 12, file: 'test-loop.mjs', title: 'The test loop: default npm test', target: '≤ 180 s on 2 cores', timeoutSec: 1000 },
]
