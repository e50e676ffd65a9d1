import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Re-renders whenever `source` says it changed (the queue, the lists, the session). Subscribed right
 * after the render (a layout effect, not one after paint), and renders once more on subscribing, so
 * a change between the render and the subscription is not missed.
 */
export function useSubscription(source: { subscribe(listener: () => void): () => void }) {
  const [, setVersion] = useState(0);
  useLayoutEffect(() => {
    const rerender = () => setVersion((n) => n + 1);
    const unsubscribe = source.subscribe(rerender);
    rerender();
    return unsubscribe;
  }, [source]);
}

/** The browser's idea of the connection: false means surely offline; true means maybe online. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useLayoutEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
