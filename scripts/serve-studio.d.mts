// Types for scripts/serve-studio.mjs (a plain JS script, imported by the studio's tests).
import type { Server } from 'node:http';
export function serveStatic(dir: string, opts?: { host?: string; port?: number }): Promise<{ server: Server; url: string }>;
