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
