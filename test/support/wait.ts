/** Polls until `condition` holds; for effects that arrive asynchronously (notifications, posted messages). */
export async function waitFor(condition: () => boolean, what = 'the condition', timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
