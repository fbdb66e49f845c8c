const BASE_MS = 30_000;
const CAP_MS = 60 * 60_000;

/**
 * Wait before the next attempt after `failures` failed ones: 30 s, 1 min,
 * 2 min … capped at an hour, spread ±25 % so messages that failed together
 * (one endpoint down) do not all retry in the same second.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.min(CAP_MS, Math.round(exp * (0.75 + random() * 0.5)));
}
