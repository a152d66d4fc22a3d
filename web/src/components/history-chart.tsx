import { useEffect, useState } from 'preact/hooks';

import { has } from '../api';
import { last30Days, localDate } from '../game';
import { messageOf } from '../hooks';
import { CHECK_IN_HISTORY, XP_HISTORY } from '../operations';
import type { Env } from './env';

interface Page<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const MAX_PAGES = 5;

/** Reads a User connection page by page (at most MAX_PAGES pages of 100). */
async function readAll<N>(env: Env, query: string, field: 'checkIns' | 'xpLedger', id: string, range: { from: string; to: string }): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: { user: Record<string, Page<N>> } = await env.auth.request(query, { id, after, ...range });
    const connection = data.user[field];
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

interface Series {
  xp: Map<string, number> | null;
  checkIns: Set<string> | null;
  note: string | null;
}

/** 30 days of XP (bars) and check-ins (dots), from `user(id) { xpLedger / checkIns }`. */
export function HistoryChart({ env, userId, timezone, today, version }: { env: Env; userId: string; timezone: string; today: string; version: string }) {
  const [series, setSeries] = useState<Series | null>(null);
  const days = last30Days(today);
  useEffect(() => {
    let cancelled = false;
    const canCheckIns = has(env.caps, 'user', 'checkIns');
    const canXp = has(env.caps, 'user', 'xpLedger');
    if (!canCheckIns && !canXp) {
      setSeries({ xp: null, checkIns: null, note: 'History is not available on this server yet.' });
      return;
    }
    const notes: string[] = [];
    const range = { from: last30Days(today)[0], to: today };
    const checkIns = canCheckIns
      ? readAll<{ date: string }>(env, CHECK_IN_HISTORY, 'checkIns', userId, range).then(
          (nodes) => new Set(nodes.map((n) => n.date)),
          (e: unknown) => (notes.push(`Check-ins: ${messageOf(e)}`), null),
        )
      : Promise.resolve(null);
    const xp = canXp
      ? readAll<{ amount: number; createdAt: string }>(env, XP_HISTORY, 'xpLedger', userId, range).then(
          (nodes) => {
            const perDay = new Map<string, number>();
            for (const n of nodes) {
              const day = localDate(n.createdAt, timezone);
              perDay.set(day, (perDay.get(day) ?? 0) + n.amount);
            }
            return perDay;
          },
          (e: unknown) => (notes.push(`XP: ${messageOf(e)}`), null),
        )
      : Promise.resolve(null);
    void Promise.all([xp, checkIns]).then(([x, c]) => {
      if (!cancelled) setSeries({ xp: x, checkIns: c, note: notes.length ? notes.join(' · ') : null });
    });
    return () => {
      cancelled = true;
    };
  }, [env, userId, timezone, today, version]);

  const width = 600;
  const height = 140;
  const barWidth = width / days.length;
  const maxXp = Math.max(10, ...days.map((d) => series?.xp?.get(d) ?? 0));
  const totalXp = days.reduce((sum, d) => sum + (series?.xp?.get(d) ?? 0), 0);
  const checkInCount = days.filter((d) => series?.checkIns?.has(d)).length;
  return (
    <section class="panel chart" data-testid="history-chart">
      <h2>Last 30 days</h2>
      {series === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <div>
          <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-label="XP and check-ins per day">
            {days.map((day, i) => {
              const amount = series.xp?.get(day) ?? 0;
              const h = (amount / maxXp) * (height - 16);
              return (
                <g>
                  <title>{`${day}: ${amount} XP${series.checkIns?.has(day) ? ', checked in' : ''}`}</title>
                  <rect class="xp-bar" x={i * barWidth + 2} y={height - h} width={barWidth - 4} height={h} />
                  {series.checkIns?.has(day) && <circle class="checkin-dot" cx={i * barWidth + barWidth / 2} cy={height + 10} r={4} />}
                </g>
              );
            })}
            <line x1={0} x2={width} y1={height} y2={height} class="axis" />
          </svg>
          <p class="muted">
            <span data-testid="chart-xp">{series.xp ? `${totalXp} XP` : 'XP n/a'}</span> ·{' '}
            <span data-testid="chart-checkins">{series.checkIns ? `${checkInCount} check-ins` : 'check-ins n/a'}</span> · {days[0]} → {today}
          </p>
          {series.note && <p class="muted small">{series.note}</p>}
        </div>
      )}
    </section>
  );
}
