import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { internalErrorMessage, logInternalError } from './errors.js';

/**
 * The client's address: the TCP peer, or — only when the gateway was told how many reverse proxies stand in
 * front of it (trust proxy) — the address that many hops back in X-Forwarded-For, as Express works it out.
 * IPv4 peers on a dual-stack socket show as ::ffff:a.b.c.d; they are written plainly.
 */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}

/**
 * Headers on every answer: no MIME sniffing, no referrer leaking a URL, and, on the API's JSON routes, a
 * policy that lets nothing load or frame them and no cache keep them. `/` and any other path stay free of
 * the content policy, for the web app that will be served there.
 */
export function securityHeaders(apiPaths: string[]): RequestHandler {
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (apiPaths.some((p) => req.path === p || req.path.startsWith(`${p}/`))) {
      res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
}

/** A refusal in the shape the route's clients read: GraphQL's `errors` on /graphql, `{ error }` elsewhere. */
export function sendError(req: Request, res: Parameters<RequestHandler>[1], status: number, message: string, code: string, extra: Record<string, unknown> = {}): void {
  if (req.path === '/graphql' || req.baseUrl === '/graphql') res.status(status).json({ errors: [{ message, extensions: { ...extra, code } }] });
  else res.status(status).json({ ...extra, error: message, code });
}

interface HttpError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

/**
 * Turns whatever Express or a body parser throws into a JSON refusal. Never a stack trace, never Express's
 * HTML error page; an unexpected error is logged here and answered with a plain 500.
 */
export function jsonErrors(): ErrorRequestHandler {
  return (err: HttpError, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const status = err.status ?? err.statusCode ?? 500;
    switch (err.type) {
      case 'entity.too.large':
        return sendError(req, res, 413, `提交的内容过大（此接口最多 ${Math.round((err.limit ?? 0) / 1024)} kB），请分批提交 / The request body is larger than this route accepts (${Math.round((err.limit ?? 0) / 1024)} kB); send less at once`, 'PAYLOAD_TOO_LARGE');
      case 'entity.parse.failed':
        return sendError(req, res, 400, '请求内容不是有效的 JSON / The request body is not valid JSON', 'BAD_REQUEST');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendError(req, res, 415, '请求内容须为 UTF-8 编码的 JSON / The request body must be UTF-8 JSON', 'UNSUPPORTED_MEDIA_TYPE');
    }
    if (status >= 400 && status < 500) return sendError(req, res, status, err.expose && err.message ? err.message : '请求无法读取 / The request could not be read', 'BAD_REQUEST');
    const errorId = logInternalError(`${req.method} ${req.path} failed`, err);
    return sendError(req, res, 500, internalErrorMessage(errorId), 'INTERNAL_SERVER_ERROR', { errorId });
  };
}

export function notFound(): RequestHandler {
  return (req, res) => sendError(req, res, 404, '此地址没有内容：接口为 /graphql、/auth/sign-in、/auth/me 和 /health / Nothing here: the API is /graphql, /auth/sign-in, /auth/me and /health', 'NOT_FOUND');
}

/**
 * The web clients, from the same origin as the API (no CORS to grant). A strict content policy: scripts,
 * styles, images and connections from this origin only — nothing from a CDN. Pages are revalidated on each
 * load (a new version reaches every window at once); scripts and styles may be cached for an hour.
 */
export function staticSite(root: string): RequestHandler {
  const serve = express.static(root, {
    index: 'index.html',
    fallthrough: true,
    setHeaders(res, path) {
      res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cache-Control', path.endsWith('.html') || path.endsWith('sw.js') ? 'no-cache' : 'public, max-age=3600');
    },
  });
  return (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? serve(req, res, next) : next());
}
