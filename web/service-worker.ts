/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The installable app's service worker: keeps the app shell for a flaky network, shows web-push
 * alerts (their payload has no personal data: a title, a line, the page to open) and opens that
 * page when the official taps the notification.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `don-thu-${version}`;
const SHELL = [...build, ...files.filter((f) => !f.startsWith('/maps/'))];

sw.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))));
});

// Only the built assets come from the cache; the API and pages always go to the network.
sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== sw.location.origin || !SHELL.includes(url.pathname)) return;
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});

interface PushPayload {
  title: string;
  body: string;
  url: string;
  urgent: boolean;
}

sw.addEventListener('push', (event) => {
  const payload = (event.data?.json() ?? { title: 'Đơn Thư', body: '', url: '/dashboard', urgent: false }) as PushPayload;
  event.waitUntil(
    sw.registration.showNotification(payload.title, { body: payload.body, data: { url: payload.url }, icon: '/favicon.svg', tag: payload.url, requireInteraction: payload.urgent })
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/dashboard';
  event.waitUntil(sw.clients.openWindow(url));
});
