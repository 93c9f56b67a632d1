/** Percentile of already-collected samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Measured {
  p50: number;
  p95: number;
  /** Completed runs per second of wall time (with concurrency > 1: all workers together). */
  perSecond: number;
  iterations: number;
  concurrency: number;
}

export interface MeasureOptions {
  /** Runs kept in flight at once (default 1: one after the other). Latency is per run; throughput is overall. */
  concurrency?: number;
}

/** Runs `run(i)` for i = 0 … iterations-1 and reports latency percentiles and throughput. */
export async function measure(iterations: number, run: (i: number) => Promise<unknown>, options: MeasureOptions = {}): Promise<Measured> {
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, iterations));
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < iterations) {
      const i = next++;
      const t = performance.now();
      await run(i);
      samples.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const total = performance.now() - started;
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), perSecond: (iterations / total) * 1000, iterations, concurrency };
}

export async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * Measures several paths over the same inputs, alternating them in `rounds` slices (A B A B …) so that noise from
 * anything else on the machine falls on all of them alike rather than on whichever ran during it.
 */
export async function measureInterleaved<K extends string>(iterations: number, runs: Record<K, (i: number) => Promise<unknown>>, rounds = 4): Promise<Record<K, Measured>> {
  const names = Object.keys(runs) as K[];
  const samples = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const spent = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
  const slice = Math.ceil(iterations / rounds);
  for (let start = 0; start < iterations; start += slice) {
    for (const k of names) {
      const begun = performance.now();
      for (let i = start; i < Math.min(iterations, start + slice); i++) {
        const t = performance.now();
        await runs[k](i);
        samples[k].push(performance.now() - t);
      }
      spent[k] += performance.now() - begun;
    }
  }
  return Object.fromEntries(names.map((k) => [k, {
    p50: percentile(samples[k], 50), p95: percentile(samples[k], 95), perSecond: (iterations / spent[k]) * 1000, iterations, concurrency: 1,
  }])) as Record<K, Measured>;
}
