/**
 * Builds a value on first use. Apps Script loads the whole bundle for every custom-function call,
 * so anything costly at module level (zod schemas, the sample data) is built lazily instead.
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
