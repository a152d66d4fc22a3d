import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Samples a process while `work` runs: CPU use (cores) and peak RSS. */
export async function sampled<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; cpuCores: number; peakRssMb: number }> {
  const cpuStart = cpuSeconds(pid);
  const started = Date.now();
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 250);
  try {
    const result = await work();
    const seconds = (Date.now() - started) / 1000;
    return { result, cpuCores: (cpuSeconds(pid) - cpuStart) / seconds, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds the whole machine has spent busy so far (every process: API, PostgreSQL, Redis, load generator), from /proc/stat. */
export function machineCpuSeconds(): number {
  // Steal (time the hypervisor gave to other machines) is not ours: left out.
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / TICKS_PER_SECOND;
}

/** Machine CPU microseconds per unit of work while `work` runs (what one request costs the whole 2-core box). */
export async function machineCostPer<T>(work: () => Promise<T>, units: (result: T) => number): Promise<{ result: T; usPerUnit: number }> {
  const before = machineCpuSeconds();
  const result = await work();
  const n = units(result);
  return { result, usPerUnit: n > 0 ? Math.round(((machineCpuSeconds() - before) / n) * 1e6) : 0 };
}
