import type { ApiEnv } from '#config';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/**
 * The policy of every answer: the web console (Vite's build, served from this origin) and Swagger UI.
 * Scripts only from this origin, never inline, never eval — the part that stops injected script.
 * Styles may be inline: CodeMirror (style-mod) writes its themes as <style> elements into the document,
 * echarts writes tooltips with style attributes, and Swagger UI's page has <style> blocks. Images and
 * fonts may be data: URIs (Vite's inlined small assets, Swagger UI's icons); the case page previews
 * the PDFs the API answered as blob: URLs in an iframe. Nothing here may be framed by another site.
 */
function directives(upgrade: boolean) {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameSrc: ["'self'", 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: upgrade ? [] : null,
  };
}

/**
 * Security headers on every answer (helmet): the CSP above, nosniff, no framing (X-Frame-Options DENY
 * and frame-ancestors 'none'), no referrer, same-origin opener and resource policies. HSTS only where
 * the platform is reached over TLS: PUBLIC_BASE_URL is https, or the request came in over TLS — itself
 * or, with TRUST_PROXY set, as the trusted proxy's X-Forwarded-Proto says (express's req.secure).
 */
export function securityHeaders(env: ApiEnv): RequestHandler {
  const publicTls = env.PUBLIC_BASE_URL.startsWith('https://');
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(publicTls) },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: true });
  return (req: Request, res: Response, next: NextFunction) => {
    headers(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (publicTls || req.secure) return hsts(req, res, next);
      next();
    });
  };
}
