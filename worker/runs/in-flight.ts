// Counts runs still going in this isolate, so tests (and later, metrics) can see a cancelled
// run actually stop.
let inFlight = 0;

export const runsInFlight = () => inFlight;

/** Counts a run from start to finish, whichever way it ends. */
export async function tracked<T>(work: () => Promise<T>): Promise<T> {
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
  }
}
