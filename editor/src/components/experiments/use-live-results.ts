// Results of one experiment, read every few seconds while its panel is open, with a short
// history of each arm's runs (taken at each read) for the traffic chart.
import { useEffect, useRef, useState } from 'react';
import { usePoll } from '../finetunes/use-poll';
import { experimentsApi, type Results } from './experiments-api';

export const RESULTS_POLL_MS = 3000;
/** Points kept for the traffic chart: 10 minutes at one read every 3 s. */
const HISTORY = 200;

export type TrafficPoint = { t: number } & Record<string, number>;

export function useLiveResults(id: string) {
  const polled = usePoll(
    () => experimentsApi.results(id),
    [id],
    RESULTS_POLL_MS,
    () => true,
  );
  const [history, setHistory] = useState<TrafficPoint[]>([]);
  const last = useRef<string>('');
  useEffect(() => setHistory([]), [id]);
  useEffect(() => {
    const r = polled.data;
    if (!r) return;
    const counts = Object.fromEntries(r.arms.map((a) => [a.arm, a.runs]));
    const key = JSON.stringify(counts);
    // A point per read while traffic moves; an idle experiment adds one point per minute.
    setHistory((h) => {
      const prev = h[h.length - 1];
      if (prev && key === last.current && Date.now() - prev.t < 60_000) return h;
      last.current = key;
      return [...h, { t: Date.now(), ...counts }].slice(-HISTORY);
    });
  }, [polled.data]);
  return { ...polled, history } as { data?: Results; error?: Error; reload: () => void; history: TrafficPoint[] };
}
