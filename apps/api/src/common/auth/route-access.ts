import type { Role } from '#domain';
import { Injectable, type OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY } from './access.decorators';

export interface RouteAccess {
  method: string;
  path: string;
  handler: string;
  access: 'public' | Role[];
}

/**
 * Lists every route with who may call it, and refuses to start the API when a route says nothing:
 * a new endpoint cannot be left open (or shut) by accident.
 */
@Injectable()
export class RouteAccessVerifier implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const undeclared = this.routes().filter((r) => r.access.length === 0);
    if (undeclared.length > 0) {
      throw new Error(`routes without @Roles or @Public: ${undeclared.map((r) => `${r.method} ${r.path} (${r.handler})`).join(', ')}`);
    }
  }

  routes(): RouteAccess[] {
    const result: RouteAccess[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prefix = String(this.reflector.get<string>(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (method === undefined) continue;
        const path = String(this.reflector.get<string>(PATH_METADATA, handler) ?? '');
        const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, metatype]);
        const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, metatype]);
        result.push({
          method: RequestMethod[method],
          path: `/api/${[prefix, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          handler: `${metatype.name}.${name}`,
          access: isPublic ? 'public' : (roles ?? []),
        });
      }
    }
    return result;
  }
}
