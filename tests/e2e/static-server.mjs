// A minimal static file server for the built site, mounted under a sub-path, as a plain
// static host would serve it. Used by the browser tests (and nothing else).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// headers: extra response headers on every file (e.g. a host's Content-Security-Policy header).
// The returned handle can also serve another build (setRoot) and play a lost network (setDown:
// every request's connection is dropped), for the offline tests.
export function startStaticServer(rootDir, { prefix = '/normlab/', headers = {} } = {}) {
  let root = path.resolve(rootDir);
  let down = false;
  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not under the site prefix');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((r) => server.close(r)),
        setRoot: (dir) => {
          root = path.resolve(dir);
        },
        setDown: (value) => {
          down = value;
        },
      });
    });
  });
}
