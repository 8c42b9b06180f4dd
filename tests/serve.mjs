// A small static file server for dist/: what any static host does, nothing more.
// Serves the build at / and at /waymark/ (to prove sub-path hosting works).
// Usage: node tests/serve.mjs [--root dist] [--port 8080] [--host 127.0.0.1]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = resolve(args.root ?? 'dist');
const port = Number(args.port ?? 8080);
const host = args.host ?? '127.0.0.1';
const SUB = '/waymark';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

// Compressed bodies, as static hosts serve them (nginx gzip_static, CDNs): brotli
// where the browser accepts it, else gzip. Kept per file and modification time.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
const compressed = new Map();
function encode(file, mtime, body, accept) {
  if (!COMPRESSIBLE.has(extname(file)) || body.length < 1024) return null;
  const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!enc) return null;
  const key = `${enc} ${file} ${mtime}`;
  if (!compressed.has(key)) {
    compressed.set(key, enc === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 9 }));
  }
  return [enc, compressed.get(key)];
}

const server = createServer(async (req, res) => {
  try {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === SUB) {
      res.writeHead(301, { Location: `${SUB}/` });
      return res.end();
    }
    if (path.startsWith(`${SUB}/`)) path = path.slice(SUB.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403);
      return res.end('Forbidden');
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('Not found');
    }
    let body = await readFile(file);
    const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
    };
    const enc = encode(file, info.mtimeMs, body, req.headers['accept-encoding'] ?? '');
    if (enc) {
      headers['Content-Encoding'] = enc[0];
      body = enc[1];
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(500);
    res.end(String(e));
  }
});
server.listen(port, host, () => {
  console.log(`Serving ${root} at http://${host}:${port}/ and http://${host}:${port}${SUB}/`);
});
