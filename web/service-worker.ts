/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The installable app's service worker (issue 5 item 4):
 * - keeps the app shell (built assets, icons, the last page HTML) so the app opens on a flaky
 *   network and shows its own "offline" state instead of the browser's error page;
 * - shows web-push alerts (their payload has no personal data: a title, a line, the page to
 *   open), one per page to open, urgent ones staying until seen;
 * - on a tap, focuses an open Đơn Thư window on that page, or opens one;
 * - when the browser renews a push subscription, tells the server the new one.
 * The API and the live connection always go to the network.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `don-thu-${version}`;
const SHELL_PAGE = '/__shell';
const ASSETS = [...build, ...files.filter((f) => !f.startsWith('/maps/'))];

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))));
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== sw.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/mqtt')) return;
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (request.mode === 'navigate') {
    // Network first; a copy of the page (the same app shell for every route) serves when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(SHELL_PAGE, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(SHELL_PAGE)) ?? new Response('<!doctype html><meta charset="utf-8"><title>Đơn Thư</title><p>Mất kết nối mạng. / You are offline.</p>', { headers: { 'content-type': 'text/html; charset=utf-8' } }))
    );
  }
});

interface PushPayload {
  kind?: string;
  title: string;
  body: string;
  url: string;
  urgent: boolean;
}

function payloadOf(event: PushEvent): PushPayload {
  try {
    const p = event.data?.json() as Partial<PushPayload> | undefined;
    // Only a page of this app may be opened from a notification.
    const url = typeof p?.url === 'string' && p.url.startsWith('/') && !p.url.startsWith('//') ? p.url : '/dashboard';
    return { kind: p?.kind, title: String(p?.title ?? 'Đơn Thư'), body: String(p?.body ?? ''), url, urgent: p?.urgent === true };
  } catch {
    return { title: 'Đơn Thư', body: '', url: '/dashboard', urgent: false };
  }
}

sw.addEventListener('push', (event) => {
  const payload = payloadOf(event);
  event.waitUntil(
    sw.registration.showNotification(payload.title, {
      body: payload.body,
      data: { url: payload.url },
      icon: '/icons/icon-192.png',
      badge: '/icons/badge-96.png',
      lang: 'vi',
      tag: payload.url,
      requireInteraction: payload.urgent
    })
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/dashboard';
  event.waitUntil(
    (async () => {
      const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === sw.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(url).catch(() => sw.clients.openWindow(url));
      } else await sw.clients.openWindow(url);
    })()
  );
});

// The push service renewed (or dropped) the subscription: subscribe again with our key and tell the server.
sw.addEventListener('pushsubscriptionchange', (event) => {
  const change = event as Event & { oldSubscription?: PushSubscription | null; waitUntil(p: Promise<unknown>): void };
  change.waitUntil(
    (async () => {
      const { publicKey } = (await (await fetch('/api/push/key', { credentials: 'same-origin' })).json()) as { publicKey: string };
      const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      const subscription = await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      const json = subscription.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
      await fetch('/api/push/subscriptions', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: json.endpoint, keys: json.keys }) });
      if (change.oldSubscription) await fetch('/api/push/subscriptions', { method: 'DELETE', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: change.oldSubscription.endpoint }) }).catch(() => {});
    })().catch(() => {})
  );
});
