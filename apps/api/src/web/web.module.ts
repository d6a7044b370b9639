import { ApiEnv } from '#config';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The web console (apps/web, built into WEB_DIR) at `/`: its files, and index.html for every other
 * GET outside /api so the console's own routes survive a reload. /api stays the API's (an unknown
 * /api path is still 404 ROUTE_NOT_FOUND). Without a build the API runs alone.
 *
 * Not @nestjs/serve-static: its module picks its loader before @nestjs/testing has an HTTP adapter
 * (so it serves nothing in the e2e tests), and its Express loader adds an error handler that turns
 * every error under an excluded path, such as /api's 400 MALFORMED_JSON, into a 404.
 */
@Injectable()
export class WebConsole implements OnModuleInit {
  constructor(
    private readonly env: ApiEnv,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const root = path.resolve(this.env.WEB_DIR);
    if (!fs.existsSync(path.join(root, 'index.html'))) return;
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) return next();
      const file = existingFile(root, req.path);
      // A missing hashed asset is a 404, not the page: the browser asked for a script or a style.
      if (!file && req.path.startsWith('/assets/')) return next();
      // Vite names the assets by content hash; index.html must be asked for again each time.
      const cache = file?.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      res.sendFile(file ?? 'index.html', { root, dotfiles: 'deny', headers: { 'cache-control': cache } }, (error) => {
        if (error && !res.headersSent) next(error);
      });
    });
  }
}

/** The file the URL path names inside root, relative to it, if there is one. */
function existingFile(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = path.normalize(decodeURIComponent(urlPath)).replace(/^[/\\]+/, '');
  } catch {
    return undefined;
  }
  if (relative === '' || relative.startsWith('..')) return undefined;
  const full = path.join(root, relative);
  return full.startsWith(root + path.sep) && fs.statSync(full, { throwIfNoEntry: false })?.isFile() ? relative : undefined;
}

@Module({ providers: [WebConsole] })
export class WebModule {}
