// Trunk post-build hook (see Trunk.toml). In the staged build it:
// 1. moves Trunk's inline boot script into a hashed file, so the page runs no inline
//    script, and adds the boot code that registers the service worker and announces
//    a new version;
// 2. adds the Content-Security-Policy: only this site's own scripts (plus what Wasm
//    needs), no inline script, no other host;
// 3. writes the service worker's version and precache list (every file of the build).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const sha = (data) => createHash('sha256').update(data).digest('hex');

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const BOOT_EXTRA = `
// For the benchmark's memory readings (scripts/bench.mjs).
window.__waymarkWasm = wasm;

// Offline support: the service worker, and "a new version is available".
if ('serviceWorker' in navigator) {
  const announce = (worker) => {
    window.__waymarkWaiting = worker;
    window.__waymarkUpdateReady = true;
    dispatchEvent(new CustomEvent('waymark-update'));
  };
  window.waymarkApplyUpdate = () => {
    window.__waymarkApplying = true;
    if (window.__waymarkWaiting) window.__waymarkWaiting.postMessage({ type: 'SKIP_WAITING' });
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.__waymarkApplying) location.reload();
  });
  navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const worker = reg.installing;
      if (!worker) return;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
      });
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
  }).catch(() => {});
}
`;

let html = readFileSync(join(dir, 'index.html'), 'utf8');
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) throw new Error('post-build: no inline boot script found in index.html');
// If the app cannot start (an old browser, a blocked download), the loading note in
// index.html says so instead of staying on "Opening Waymark…".
const FAILED = "Waymark could not start in this browser. Please reload the page, or use a current version of Edge, Chrome, Firefox or Safari.";
const started = inline[1].trim().replace(/const wasm = await init\(([\s\S]*?)\);/, (m, args) =>
  `const wasm = await init(${args}).catch((e) => {\n  const note = document.querySelector('#boot .boot-note');\n  if (note) note.textContent = ${JSON.stringify(FAILED)};\n  throw e;\n});`);
if (started === inline[1].trim()) throw new Error('post-build: no "const wasm = await init(...)" in the boot script');
const boot = started + '\n' + BOOT_EXTRA;
const bootName = `boot-${sha(boot).slice(0, 16)}.js`;
writeFileSync(join(dir, bootName), boot);
html = html.replace(inline[0], `<script type="module" src="./${bootName}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('post-build: an inline script is left in index.html');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
writeFileSync(join(dir, 'index.html'), html);

const files = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(relative(dir, p).split(sep).join('/'));
  }
};
walk(dir);
const precache = ['./', ...files.filter((f) => f !== 'sw.js').map((f) => `./${f}`)];
const version = sha(files.filter((f) => f !== 'sw.js').map((f) => f + sha(readFileSync(join(dir, f)))).join('\n')).slice(0, 16);
const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8').replace('__VERSION__', version).replace('"__PRECACHE__"', JSON.stringify(precache, null, 2));
writeFileSync(swPath, sw);
const bytes = files.filter((f) => f !== 'sw.js').reduce((n, f) => n + statSync(join(dir, f)).size, 0);
console.log(`post-build: ${bootName}, CSP added, service worker ${version} precaches ${precache.length} files (${(bytes / 1024).toFixed(0)} KiB)`);
