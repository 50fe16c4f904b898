import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loadedAt: Date | null;
  reload(): void;
}

/**
 * GET `path` now and every `everyMs` (live figures while tills are online); the last good
 * answer stays on screen when a refresh fails, with the error beside it.
 */
export function useApi<T>(path: string | null, everyMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; at: Date | null }>({
    data: null,
    error: null,
    at: null,
  });
  const [tick, setTick] = useState(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (live.current) setState({ data, error: null, at: new Date() });
      },
      (error: unknown) => {
        if (!live.current || controller.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        setState((s) => ({ ...s, error: e }));
      },
    );
    return () => controller.abort();
  }, [path, tick]);
  useEffect(() => {
    if (everyMs === undefined) return;
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loadedAt: state.at, reload };
}
