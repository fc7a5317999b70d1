#!/usr/bin/env node
// `npm run studio`: build the studio and serve it on this machine only. The page needs
// nothing from a server but its three static files; any static host will do as well.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { buildStudio } from './build-studio.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png' };

/** Serve dir's files on host:port (0: any free port); resolves to the server and its URL. */
export function serveStatic(dir, { host = '127.0.0.1', port = 0 } = {}) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base + '/') || req.method !== 'GET') {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const a = server.address();
      ok({ server, url: `http://${host}:${a.port}/` });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { outDir } = await buildStudio();
  const port = Number(process.env.PORT ?? 8600);
  const { url } = await serveStatic(outDir, { port });
  console.log(`vm-py studio: ${url}  (serving ${outDir}; Ctrl-C stops)`);
}
