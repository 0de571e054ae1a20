// Shared by the server benches: how long work holds the event loop (other requests wait that long).
/** Runs fn while a 10 ms timer records its worst lateness; returns fn's time and that lateness (ms). */
export async function held(fn) {
  let worst = 0;
  let expected = performance.now() + 10;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - expected);
    expected = now + 10;
  }, 10);
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  // let a tick that was due while the work ran fire and report its lateness
  await new Promise((resolve) => setTimeout(resolve, 30));
  clearInterval(ticker);
  return { ms, worst };
}
