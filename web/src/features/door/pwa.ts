/**
 * Registers the door's service worker (web/src/door/sw.ts, built as /door-sw.js) for /door, in a
 * production build only (the dev server has no built files to cache). `onUpdate` hears of a new
 * deploy's worker waiting to take over; `applyUpdate` lets it and reloads.
 */
export function registerDoorServiceWorker(onUpdate: (apply: () => void) => void) {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker
    .register('/door-sw.js', { scope: '/door' })
    .then((registration) => {
      const announce = () => {
        const waiting = registration.waiting;
        if (waiting && navigator.serviceWorker.controller) onUpdate(() => applyUpdate(waiting));
      };
      announce();
      registration.addEventListener('updatefound', () => {
        registration.installing?.addEventListener('statechange', announce);
      });
    })
    .catch(() => undefined); // no service worker (private mode, insecure origin): the door still works online
}

function applyUpdate(waiting: ServiceWorker) {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage('skip-waiting');
}
