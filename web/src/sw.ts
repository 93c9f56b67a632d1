/**
 * The service worker (/sw.js): keeps the window app's shell — index.html, app.js, style.css — so the page
 * opens with the link down; the app's outbox then holds what the clerk does until the link returns.
 *
 * Network first: a working link always gets the current version (the gateway revalidates pages on each
 * load), and each answer refreshes the copy kept here; the copy is used when the network fails, or when it
 * has not answered in 4 s (a link that hangs is as good as down). Nothing else is touched: /graphql,
 * /auth/* and every other path go to the network as if there were no worker — answers with personal data
 * or tokens are never cached.
 */
interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}

const sw = self as unknown as WorkerScope;
const CACHE = 'scf-app-shell-v1';
/** The shell, and the path each is kept under ('/' is index.html). */
const SHELL: Record<string, string> = { '/': '/index.html', '/index.html': '/index.html', '/app.js': '/app.js', '/style.css': '/style.css' };
const WAIT_MS = 4000;

sw.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(['/index.html', '/app.js', '/style.css'])).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('scf-app-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  const kept = SHELL[url.pathname];
  if (!kept) return; // /graphql, /auth/*, the other pages: straight to the network, never cached.
  e.respondWith(networkFirst(req, kept));
});

async function networkFirst(req: Request, kept: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  // By URL: a navigation request cannot be re-sent with options of its own.
  const fromNetwork = fetch(req.url, { cache: 'no-cache', credentials: 'same-origin' }).then((res) => {
    if (res.ok && res.type === 'basic') void cache.put(kept, res.clone());
    return res;
  });
  fromNetwork.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), WAIT_MS)));
  try {
    const first = await Promise.race([fromNetwork, slow]);
    if (first !== 'slow') return first;
    const copy = await cache.match(kept);
    return copy ?? (await fromNetwork);
  } catch {
    const copy = await cache.match(kept);
    if (copy) return copy;
    throw new Error(`offline and ${kept} is not kept yet`);
  } finally {
    clearTimeout(timer);
  }
}
