import { type Inputs, useEffect, useState } from "preact/hooks";

/**
 * Loads a value when `inputs` change (or `retry()` is called), dropping answers that
 * arrive after the inputs moved on. `value` is null while loading and after an error;
 * `setValue` lets the page update what it shows (a follow, a block).
 */
export function useLoad<T>(load: () => Promise<T>, inputs: Inputs) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // The caller's inputs name what `load` reads (it is a new closure every render).
  useEffect(() => {
    let live = true;
    setValue(null);
    setError(null);
    load().then(
      (v) => live && setValue(v),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [...inputs, attempt]);

  return { value, setValue, error, attempt, retry: () => setAttempt((n) => n + 1) };
}
