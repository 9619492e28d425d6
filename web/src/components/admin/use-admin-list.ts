import { useEffect, useState } from "preact/hooks";

/**
 * An admin list (friends, relays, domain blocks): loaded once, and `act` runs a change
 * then reloads it, with `busy` while it runs and the error shown instead of thrown.
 * `items` is null until the first load answers; `setItems` shows a change before it is saved.
 */
export function useAdminList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const reload = () => load().then(setItems, setError);
  // Loaded once, when the tab opens.
  useEffect(() => {
    void reload();
  }, []);

  async function act(work: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await work();
      await reload();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { items, setItems, busy, error, setError, act };
}
