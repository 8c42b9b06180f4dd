// The benchmark (run by ./bench; see docs/benchmark.md for what each figure means).
//
// Serves a release build with tests/serve.mjs, drives Debian's headless Chromium
// through Playwright, un-throttled and with 4× CPU throttling, repeats every timing
// (--runs, default 5) and prints one table of medians and spreads against the
// budgets, also saved as JSON in bench-results/. Not part of ./test: figures depend
// on the machine.
//
// Usage: node scripts/bench.mjs --dist DIR [--runs 5] [--quick] [--stress FILE]
//          [--out bench-results] [--leak-rounds 20] [--leak-warmup 10] [--no-lighthouse] [--lh-runs 1]
//          [--lighthouse PATH_TO_LIGHTHOUSE_CLI] [--rates 1,4] [--verbose]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as Z, brotliCompressSync, gzipSync } from 'node:zlib';
import os from 'node:os';
import { CHROME, CHROME_ARGS } from '../tests/chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const QUICK = flag('quick');
const VERBOSE = flag('verbose') || QUICK;
const DIST = resolve(ROOT, opt('dist', 'target/bench-dist'));
const RUNS = Number(opt('runs', QUICK ? 2 : 5));
const STRESS = resolve(ROOT, opt('stress', 'target/bench/stress-plan.json'));
const OUT = resolve(ROOT, opt('out', 'bench-results'));
const LEAK_ROUNDS = Number(opt('leak-rounds', QUICK ? 3 : 20));
// Rounds before the baseline: V8 keeps compiling (and re-optimising) ECharts' code
// for the first ~10 chart pages, which is JIT code, not a leak (docs/benchmark.md).
const LEAK_WARMUP = Number(opt('leak-warmup', QUICK ? 1 : 10));
const LH_RUNS = flag('no-lighthouse') ? 0 : Number(opt('lh-runs', 1));
const LH_CLI = resolve(ROOT, opt('lighthouse', 'target/bench/lighthouse/node_modules/lighthouse/cli/index.js'));
const RATES = opt('rates', '1,4').split(',').map(Number);
const VIEWPORT = { width: 1366, height: 768 };
const STEP_TIMEOUT = 120_000;

const log = (...a) => console.error('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x));
  return { median: median(s), min: s.length ? Math.min(...s) : NaN, max: s.length ? Math.max(...s) : NaN, n: s.length, samples: xs };
};

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench: no build in ${DIST} (run ./bench, or trunk build --release --dist ${DIST})`);
  process.exit(2);
}
if (!existsSync(STRESS)) {
  console.error(`bench: no stress plan at ${STRESS} (cargo run --release --bin waymark-stress -- ${relative(ROOT, STRESS)} 1)`);
  process.exit(2);
}

// ------------------------------------------------------------------ transfer sizes

function walk(dir, base = dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (relative(base, p) !== 'bench') walk(p, base, out);
    } else out.push(relative(base, p).split(sep).join('/'));
  }
  return out;
}

function compressed(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [Z.BROTLI_PARAM_QUALITY]: 11, [Z.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

function transferSizes() {
  const files = walk(DIST);
  const per = {};
  for (const f of files) per[f] = compressed(readFileSync(join(DIST, f)));
  const kind = (f) =>
    f.startsWith('vendor/echarts') ? 'echarts'
      : f.endsWith('.wasm') ? 'wasm'
      : /\.m?js$/.test(f) ? 'js'
      : f.endsWith('.css') ? 'css'
      : f.endsWith('.html') ? 'html'
      : 'other';
  const groups = {};
  for (const f of files) {
    const k = kind(f);
    groups[k] ??= { files: [], raw: 0, gzip: 0, brotli: 0 };
    groups[k].files.push(f);
    for (const c of ['raw', 'gzip', 'brotli']) groups[k][c] += per[f][c];
  }
  // Everything the first paint needs: index.html, what it links (styles, scripts,
  // preloads; not the manifest or icons), and what the boot script imports.
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const need = new Set(['index.html']);
  for (const m of html.matchAll(/<(link|script)\b[^>]*>/g)) {
    const tag = m[0];
    if (/rel="(manifest|icon|apple-touch-icon)"/.test(tag)) continue;
    const u = tag.match(/\b(?:href|src)="\.?\/?([^"]+)"/);
    if (u && per[u[1]]) need.add(u[1]);
  }
  for (const f of [...need]) {
    if (!f.endsWith('.js')) continue;
    const text = readFileSync(join(DIST, f), 'utf8');
    for (const m of text.matchAll(/['"]\.\/([\w.-]+\.(?:js|wasm))['"]/g)) if (per[m[1]]) need.add(m[1]);
  }
  const firstPaint = { files: [...need].sort(), raw: 0, gzip: 0, brotli: 0 };
  for (const f of need) for (const c of ['raw', 'gzip', 'brotli']) firstPaint[c] += per[f][c];
  return { perFile: per, groups, firstPaint };
}

// ------------------------------------------------------------------ static table page

const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longDate = (d) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : '';
};
const shortDate = (d) => {
  const l = longDate(d);
  return l ? l.replace(/ (\w{3})\w* /, ' $1 ') : '';
};
const RAG = {
  red: ['Red', '▲'], amber: ['Amber', '◆'], green: ['Green', '●'], blue: ['Complete', '✓'], not_rated: ['Not rated', '○'],
};
const paragraphs = (t) => String(t ?? '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => `<p>${esc(l)}</p>`).join('');
const bullets = (items) => (items?.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '');

function currentRag(a) {
  if (a.status === 'complete') return 'blue';
  const live = (a.updates ?? []).map((u, i) => [u, i]).filter(([u]) => !u.deleted_at);
  live.sort(([u1, i1], [u2, i2]) => (String(u1.date ?? '') < String(u2.date ?? '') ? -1 : String(u1.date ?? '') > String(u2.date ?? '') ? 1 : i1 - i2));
  const latest = live.length ? live[live.length - 1][0] : null;
  return latest?.rag ?? a.stated_rag ?? 'not_rated';
}

/** The Plan page's action table rows, as the app renders them (src/app/pages/plan.rs). */
function actionRow(a) {
  const rag = currentRag(a);
  const [label, icon] = RAG[rag] ?? RAG.not_rated;
  const live = (a.updates ?? []).map((u, i) => [u, i]).filter(([u]) => !u.deleted_at);
  live.sort(([u1, i1], [u2, i2]) => (String(u1.date ?? '') < String(u2.date ?? '') ? -1 : String(u1.date ?? '') > String(u2.date ?? '') ? 1 : i1 - i2));
  const latest = live.length ? live[live.length - 1][0] : null;
  const timeline = a.due ? (a.timeline ? `${a.timeline}\nDue: ${longDate(a.due)}` : `Due: ${longDate(a.due)}`) : a.timeline;
  const r = esc(a.reference);
  const buttons = `<div class="row-buttons"><button type="button" class="small" aria-label="Edit action ${r}">Edit</button><button type="button" class="small" aria-label="Add a progress update to action ${r}">Update</button><button type="button" class="small secondary" aria-label="Move action ${r} up">↑</button><button type="button" class="small secondary" aria-label="Move action ${r} down">↓</button><button type="button" class="small secondary" aria-label="Delete action ${r}">Delete</button></div>`;
  const milestones = a.milestones?.length
    ? `<ul class="milestones">${a.milestones.map((m) => `<li>${esc(`${m.title} — ${m.due ? shortDate(m.due) : m.quarter ?? ''} — ${m.done ? 'Done' : 'Not done'}`)}</li>`).join('')}</ul>`
    : '';
  const risks = a.risks?.length
    ? `<ul class="risks">${a.risks.map((x) => `<li>${esc(x.description)}${x.mitigation ? `<span class="mitigation"> Mitigation: ${esc(x.mitigation)}</span>` : ''}</li>`).join('')}</ul>`
    : '';
  return `<tr id="${esc(a.id)}" tabindex="-1"><th scope="row" data-label="Ref">${r}${buttons}</th>`
    + `<td data-label="Activity"><p class="action-title">${esc(a.title)}</p>${paragraphs(a.description)}${a.government_priority ? '<p class="flag">Government or minister priority</p>' : ''}</td>`
    + `<td data-label="Starting point">${paragraphs(a.starting_point)}</td>`
    + `<td data-label="Timeline">${paragraphs(timeline)}${milestones}</td>`
    + `<td data-label="Resources">${paragraphs(a.resources)}</td>`
    + `<td data-label="Lead(s)">${bullets(a.leads)}</td>`
    + `<td data-label="Projected outcomes">${paragraphs(a.projected_outcomes)}</td>`
    + `<td data-label="Risks and mitigation">${risks}</td>`
    + `<td data-label="RAG"><span class="rag rag-${rag}"><span class="rag-icon" aria-hidden="true">${icon}</span>${label}</span></td>`
    + `<td data-label="Ref DR">${esc((a.review_refs ?? []).join(' '))}</td>`
    + `<td data-label="Monitoring">${esc((a.monitored_by ?? []).join(', '))}</td>`
    + `<td data-label="Progress">${latest ? `<p class="update-date">${esc(longDate(latest.date))}</p>${paragraphs(latest.commentary)}` : ''}</td></tr>`;
}

function actionTable(actions, caption) {
  if (!actions?.length) return '';
  const cols = ['Ref', 'Activity', 'Starting point', 'Timeline', 'Resources', 'Lead(s)', 'Projected outcomes', 'Risks and mitigation', 'RAG', 'Ref DR', 'Monitoring', 'Progress'];
  return `<div class="table-wrap" role="region" aria-label="${esc(caption)}" tabindex="0"><table class="action-table"><caption>${esc(caption)}</caption>`
    + `<thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>${actions.map(actionRow).join('\n')}</tbody></table></div>`;
}

/** A static page with the stress plan's action tables (same rows and columns as the Plan page) and the app's styles. */
function writeStaticTablePage(planFile) {
  const plan = planFile.plan ?? planFile;
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\.?\/?([^"]+\.css)"/g)].map((m) => m[1]);
  let rows = 0;
  const sections = (plan.priorities ?? []).map((p) => {
    rows += p.actions?.length ?? 0;
    const outs = (p.outcomes ?? []).map((o) => {
      rows += o.actions?.length ?? 0;
      return `<section class="outcome"><h3>Outcome ${esc(o.number)}: ${esc(o.title)}</h3>${actionTable(o.actions, `Outcome ${o.number}: actions`)}</section>`;
    }).join('\n');
    return `<section class="priority"><h2>Priority ${esc(p.number)}: ${esc(p.title)}</h2>${actionTable(p.actions, `Priority ${p.number}: actions`)}${outs}</section>`;
  }).join('\n');
  const page = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Static action tables</title>
${css.map((c) => `<link rel="stylesheet" href="../${c}">`).join('\n')}
</head><body><main id="main"><article class="plan-doc"><h1>${esc(plan.title)}</h1>
${sections}
</article></main>
<script>window.__staticParsed = performance.now(); requestAnimationFrame(() => setTimeout(() => { window.__staticFrame = performance.now(); }, 0));</script>
</body></html>`;
  mkdirSync(join(DIST, 'bench'), { recursive: true });
  writeFileSync(join(DIST, 'bench', 'static-actions.html'), page);
  copyFileSync(STRESS, join(DIST, 'bench', 'stress-plan.json'));
  return { rows, bytes: Buffer.byteLength(page) };
}

// ------------------------------------------------------------------ in-page helpers

// Injected before any of the page's own scripts (not subject to the page's CSP).
const INIT = `(() => {
  if (window.__bench) return;
  const B = window.__bench = { firstRender: null, firstFrame: null, interactive: null, h1: null, charts: [] };
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  B.frame = frame;
  // Cold load: first render = the first <main> h1 in the DOM; interactive = the first
  // moment after the frame that shows it when a click on the nav runs the app's handler.
  const probe = (tries) => {
    const link = document.querySelector('nav[aria-label="Main"] a[href="?page=dashboard"]');
    if (!link) { if (tries < 200) setTimeout(() => probe(tries + 1), 5); return; }
    let handled = false;
    const last = (e) => { handled = e.defaultPrevented; if (!handled) e.preventDefault(); };
    window.addEventListener('click', last);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0, view: window }));
    window.removeEventListener('click', last);
    if (handled) B.interactive = performance.now();
    else if (tries < 2000) setTimeout(() => probe(tries + 1), 2);
  };
  const mo = new MutationObserver(() => {
    if (B.firstRender !== null) return;
    const h = document.querySelector('main h1');
    if (!h) return;
    B.firstRender = performance.now();
    B.h1 = h.textContent;
    mo.disconnect();
    frame().then((t) => { B.firstFrame = t; probe(0); });
  });
  mo.observe(document, { childList: true, subtree: true });
  // Saves of the open plan to local storage: when each started, how many characters
  // it wrote and how long its setItem calls took in all. The open plan is kept as a
  // manifest ('waymark.plan.v2', written last) and chunks ('waymark.c.<hash>',
  // written before it): one save is the chunk writes since the previous manifest
  // write plus that manifest write. Builds before the chunked layout wrote the whole
  // plan under 'waymark.plan': those writes (over 1 M characters) count as saves too.
  B.writes = [];
  let pending = null;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const t = performance.now();
    const at = Date.now();
    try { return setItem.call(this, k, v); } finally {
      const ms = performance.now() - t;
      const chars = typeof v === 'string' ? v.length : 0;
      if (typeof k === 'string' && k.startsWith('waymark.c.')) {
        pending ??= { start: t, at, ms: 0, chars: 0, chunks: 0 };
        pending.ms += ms;
        pending.chars += chars;
        pending.chunks += 1;
      } else if (k === 'waymark.plan.v2') {
        const p = pending ?? { start: t, at, ms: 0, chars: 0, chunks: 0 };
        pending = null;
        B.writes.push({ key: k, chars: p.chars + chars, chunks: p.chunks, start: p.start, ms: p.ms + ms, at: p.at });
      } else if (k === 'waymark.plan' && chars > 1000000) {
        B.writes.push({ key: k, chars, chunks: 0, start: t, ms, at });
      }
    }
  };
  B.longTasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) B.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  // ECharts 'finished': wrap echarts.init when the library defines itself.
  let ec;
  try {
    Object.defineProperty(window, 'echarts', {
      configurable: true,
      get() { return ec; },
      set(v) {
        ec = v;
        if (v && typeof v === 'object') {
          let init = v.init;
          try {
            Object.defineProperty(v, 'init', {
              configurable: true, enumerable: true,
              get() { return init && ((...a) => { const i = init(...a); try { i.on('finished', () => B.charts.push(performance.now())); } catch (e) {} return i; }); },
              set(f) { init = f; },
            });
          } catch (e) {}
        }
      },
    });
  } catch (e) {}
  // One measurement: from the first 'eventType' event (its timeStamp) to the moment
  // predicate() holds after a DOM change (dom), and to the next frame after it (frame).
  // With predicate null: from the event to the next frame after it (everything the
  // event's handlers did, synchronously and in microtasks, is in that frame).
  B.arm = (eventType, predicate, timeout = ${STEP_TIMEOUT}) => {
    B.pending = new Promise((resolve, reject) => {
      let t0 = null;
      let done = false;
      const onEv = (e) => {
        if (t0 !== null) return;
        t0 = e.timeStamp;
        if (predicate === null) {
          done = true;
          mo.disconnect();
          clearTimeout(timer);
          window.removeEventListener(eventType, onEv, true);
          frame().then((f) => resolve({ t0, dom: null, frame: f - t0 }));
        }
      };
      window.addEventListener(eventType, onEv, true);
      const finish = () => {
        done = true;
        const dom = performance.now();
        mo.disconnect();
        clearTimeout(timer);
        window.removeEventListener(eventType, onEv, true);
        frame().then((f) => resolve({ t0, dom: dom - t0, frame: f - t0 }));
      };
      const check = () => {
        if (done || t0 === null) return;
        let ok = false;
        try { ok = predicate(); } catch (e) {}
        if (ok) finish();
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { childList: true, subtree: true, characterData: true });
      const timer = setTimeout(() => { mo.disconnect(); let now = false; try { now = !!predicate(); } catch (e) {} reject(new Error('timed out waiting after ' + eventType + ' (event seen: ' + (t0 !== null) + ', condition now: ' + now + ', at ' + location.search + ')')); }, timeout);
    });
    B.pending.catch(() => {});
    return true;
  };
})();`;

async function armH1Change(page, text) {
  await page.evaluate((text) => {
    const prev = document.querySelector('main h1');
    window.__bench.arm('click', () => {
      const h = document.querySelector('main h1');
      return h && h !== prev && (!text || h.textContent.includes(text));
    });
  }, text ?? null);
}
const result = (page) => page.evaluate(() => window.__bench.pending);

async function navClick(page, name, h1Text) {
  await armH1Change(page, h1Text);
  await page.locator('nav[aria-label="Main"]').getByRole('link', { name, exact: true }).click();
  return result(page);
}

async function settle(page, ms = 300) {
  await page.evaluate(() => window.__bench.frame());
  await sleep(ms);
}

async function memory(cdp, page) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters').catch(() => ({}));
  const wasm = await page.evaluate(() => window.__waymarkWasm?.memory?.buffer?.byteLength ?? null);
  return { jsHeap: heap.usedSize, jsHeapTotal: heap.totalSize, wasm, domNodes: dom.nodes ?? null, listeners: dom.jsEventListeners ?? null };
}

async function autosaves(page) {
  return page.evaluate(() => (window.__waymarkAutosaves ?? []).map((e) => ({ ms: e.ms, bytes: e.bytes, written: e.written ?? e.bytes, at: e.at })));
}

/** Saves of the open plan (see B.writes), each with the long task (if any, ≥ 50 ms) it started in. */
async function planWrites(page) {
  return page.evaluate(() => window.__bench.writes.map((w) => {
    const task = window.__bench.longTasks.find((t) => t.start <= w.start && w.start <= t.start + t.duration);
    return { ...w, task: task ? task.duration : null };
  }));
}

async function waitForSaves(page, count, timeout = STEP_TIMEOUT) {
  await page.waitForFunction((n) => window.__bench.writes.length >= n, count, { timeout, polling: 50 });
}

async function newPage(browser, rate) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(INIT);
  // A device that has chosen how to begin (the first-run welcome's key), so the
  // runs measure the app behind it; Lighthouse's own fresh profile sees the welcome.
  await context.addInitScript(() => {
    try {
      if (localStorage.getItem('waymark.chosen') === null) localStorage.setItem('waymark.chosen', 'example');
    } catch { /* storage blocked: the run fails where a user would see it */ }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { context, page, cdp, errors };
}

// Imports the stress plan through the Files page; returns the three timings.
async function importStress(page) {
  await navClick(page, 'Files', 'Files');
  await page.evaluate(() => window.__bench.arm('change', () => !!document.getElementById('preview-heading')));
  await page.getByLabel('Import plan').setInputFiles(STRESS);
  const preview = await result(page);
  await settle(page, 100);
  const savesBefore = (await planWrites(page)).length;
  await page.evaluate(() => {
    window.__bench.arm('click', () => !document.getElementById('preview-heading')
      && [...document.querySelectorAll('.notice p')].some((p) => p.textContent.includes('imported plan is open')));
  });
  await page.getByRole('button', { name: 'Replace current plan' }).click();
  const replace = await result(page);
  // Let the debounced autosave of the new plan run before timing the next step.
  await waitForSaves(page, savesBefore + 1);
  await settle(page, 100);
  return { preview, replace };
}

// Edit one action's title through its form on the stress plan: the whole document
// drawn (no filter), the Edit action form of an action in the middle of the plan,
// a new title, then Save; timed from the click on Save to the moment the action's
// row, visible on the Plan page, shows the new title (dom), and to the next frame
// after it (frame).
async function titleEdit(page, plan, runIndex) {
  const clear = page.getByRole('button', { name: 'Clear filters' });
  if (await clear.count()) await clear.click();
  await page.waitForFunction(() => {
    const doc = document.querySelector('main article.plan-doc');
    return doc && doc.getAttribute('aria-busy') === 'false' && doc.checkVisibility();
  }, null, { timeout: STEP_TIMEOUT, polling: 50 });
  await settle(page, 300);
  const actions = plan.priorities.flatMap((p) => [...(p.actions ?? []), ...(p.outcomes ?? []).flatMap((o) => o.actions ?? [])]);
  const a = actions[Math.floor(actions.length / 2)];
  const title = `Bench edited title ${runIndex + 1} of ${a.reference}`;
  await page.getByRole('button', { name: `Edit action ${a.reference}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Edit action ${a.reference}` }).waitFor();
  await page.getByRole('textbox', { name: /^Title( \(required\))?$/ }).fill(title);
  await settle(page, 150);
  await page.evaluate(({ id, title, timeout }) => {
    const B = window.__bench;
    B.pending = new Promise((resolve, reject) => {
      let t0 = null;
      let done = false;
      const shows = () => {
        const row = document.getElementById(id);
        return !!row && row.checkVisibility() && row.querySelector('.action-title')?.textContent === title;
      };
      const finish = () => {
        done = true;
        const dom = performance.now();
        mo.disconnect();
        clearTimeout(timer);
        B.frame().then((f) => resolve({ t0, dom: dom - t0, frame: f - t0 }));
      };
      const check = () => { if (!done && t0 !== null && shows()) finish(); };
      window.addEventListener('click', (e) => { if (t0 === null) { t0 = e.timeStamp; check(); } }, { capture: true, once: true });
      const mo = new MutationObserver(check);
      mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      const timer = setTimeout(() => { mo.disconnect(); reject(new Error(`timed out waiting for the edited row ${id} (shown: ${shows()})`)); }, timeout);
    });
    B.pending.catch(() => {});
  }, { id: a.id, title, timeout: STEP_TIMEOUT });
  await page.getByRole('button', { name: 'Save action', exact: true }).click();
  const t = await result(page);
  t.reference = a.reference;
  await settle(page, 300);
  return t;
}

// A partner's file with 200 changed objects merged into the stress plan: "Ask
// for updates" (the whole plan, so its base is kept in the library), then the file
// changed here as a partner would — a progress update on each of 200 actions —
// imported, and "Merge changes" timed from the click to the review on screen
// (preview) and "Merge the changes" from the click to the merged plan's notice
// (apply).
async function mergeStep(page, runIndex) {
  await navClick(page, 'Files', 'Files');
  await page.getByRole('link', { name: 'Ask for updates' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ask for updates' }).waitFor();
  await page.getByLabel('Some priorities').check();
  const boxes = page.locator('#f-priorities input[type=checkbox]');
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await page.getByLabel('The whole plan (their actions marked for them)').check();
  const dlP = page.waitForEvent('download', { timeout: STEP_TIMEOUT }).catch(() => null);
  await page.getByRole('button', { name: 'Save the file' }).click();
  // The base must be kept in the library first: where storage has no room for it,
  // the app says so and saves no file (then this figure cannot be measured).
  const refused = page.locator('main .error-box').first();
  const dl = await Promise.race([dlP, refused.waitFor({ timeout: STEP_TIMEOUT }).then(() => null).catch(() => null)]);
  if (!dl) {
    const why = (await refused.count()) ? await refused.innerText() : 'no file was saved';
    log(`  merge not measured: ${why.slice(0, 300)}`);
    return { preview: { frame: NaN }, apply: { frame: NaN }, changed: 0, refused: why };
  }
  const file = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const acts = file.plan.priorities.flatMap((p) => [...(p.actions ?? []), ...(p.outcomes ?? []).flatMap((o) => o.actions ?? [])]);
  const step = Math.max(1, Math.floor(acts.length / 200));
  let changed = 0;
  for (let i = 0; i < acts.length && changed < 200; i += step, changed++) {
    (acts[i].updates ??= []).push({ id: `bench-u-${runIndex}-${i}`, date: '2026-12-01', author: 'Bench partner', rag: 'green', reason: '', commentary: `Bench update ${i}` });
  }
  file.plan.exchange.sent_by = 'Bench partner';
  await navClick(page, 'Files', 'Files');
  await page.getByLabel('Import plan').setInputFiles({ name: 'bench-partner.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole('button', { name: 'Merge changes' }).waitFor({ timeout: STEP_TIMEOUT });
  await settle(page, 150);
  await page.evaluate(() => window.__bench.arm('click', () => !!document.getElementById('merge-confirm')));
  await page.getByRole('button', { name: 'Merge changes' }).click();
  const preview = await result(page);
  preview.changes = await page.evaluate(() => document.querySelector('.merge-count')?.textContent);
  await settle(page, 150);
  await page.evaluate(() => window.__bench.arm('click', () => [...document.querySelectorAll('.notice p')].some((p) => p.textContent.includes('Merged the updates'))));
  await page.locator('#merge-confirm').click();
  const apply = await result(page);
  await settle(page, 300);
  return { preview, apply, changed };
}

// ------------------------------------------------------------------ one run

async function oneRun(browser, base, rate, runIndex, plan) {
  const { context, page, cdp, errors } = await newPage(browser, rate);
  const r = { rate, run: runIndex };
  let lapT = Date.now();
  const lap = (what) => { if (VERBOSE) log(`  ${rate}× run ${runIndex + 1}: ${what} (${((Date.now() - lapT) / 1000).toFixed(1)} s)`); lapT = Date.now(); };
  try {
    // Cold load of the example plan.
    await page.goto(`${base}?page=dashboard`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench.interactive !== null, null, { timeout: STEP_TIMEOUT, polling: 20 });
    r.cold = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const res = performance.getEntriesByType('resource').map((e) => ({ name: e.name.split('/').pop(), start: e.startTime, end: e.responseEnd, bytes: e.transferSize }));
      const B = window.__bench;
      return { firstRender: B.firstRender, firstFrame: B.firstFrame, interactive: B.interactive, h1: B.h1, fcp: fcp?.startTime ?? null, responseEnd: nav?.responseEnd ?? null, domContentLoaded: nav?.domContentLoadedEventEnd ?? null, resources: res };
    });
    if (r.cold.h1 !== 'Dashboard') throw new Error(`cold load rendered "${r.cold.h1}", not the dashboard`);
    await settle(page, 500);
    // Page switches on the example plan (nav click → new h1).
    r.switch = {};
    for (const [name, h1] of [['Plan', null], ['KPIs', 'KPIs'], ['Reports', 'Reports'], ['Files', 'Files'], ['Dashboard', 'Dashboard']]) {
      r.switch[name] = await navClick(page, name, h1);
      await settle(page, 150);
    }

    lap('page switches');
    // A KPI page with its chart: the first (ECharts loaded then), and a second.
    r.kpi = [];
    for (const nth of [0, 1]) {
      await navClick(page, 'KPIs', 'KPIs');
      await settle(page, 150);
      await page.evaluate(() => {
        const prev = document.querySelector('main h1');
        window.__bench.arm('click', () => {
          const h = document.querySelector('main h1');
          return h && h !== prev && document.querySelector('main .chart-box svg path');
        });
      });
      const n0 = await page.evaluate(() => window.__bench.charts.length);
      await page.locator('main table a[href*="id="]').nth(nth).click();
      const t = await result(page);
      await page.waitForFunction((n) => window.__bench.charts.length > n, n0, { timeout: 10_000 }).catch(() => {});
      t.finished = await page.evaluate((n) => (window.__bench.charts.length > n ? window.__bench.charts[n] : null), n0);
      if (t.finished !== null) t.finished -= t.t0;
      r.kpi.push(t);
      await settle(page, 150);
    }

    lap('KPI charts');
    // Import of the stress plan, then the Plan page's first render of it.
    r.import = await importStress(page);
    r.planRender = await navClick(page, 'Plan', plan.title);
    r.planNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    await settle(page, 300);
    r.memory = await memory(cdp, page);
    lap('stress import and Plan page');

    // One keystroke at a time in the action filter (keydown → result count changed).
    // (Each keystroke re-creates the whole page, the search box included, so focus
    // is lost after every character: the bench puts it back before each key.)
    const q = 'virt';
    const input = page.getByLabel('Search actions');
    r.filter = [];
    for (const ch of q) {
      await input.focus();
      await page.keyboard.press('End');
      r.filterFocusLost = await page.evaluate(() => document.activeElement?.id !== 'filter-q') || r.filterFocusLost;
      await page.evaluate(() => {
        window.__bench.arm('keydown', null);
      });
      await page.keyboard.press(ch);
      const t = await result(page);
      t.count = await page.evaluate(() => document.querySelector('main .result-count')?.textContent);
      t.search = await page.evaluate(() => location.search);
      if (!t.search.includes(`q=${encodeURIComponent(q.slice(0, r.filter.length + 1))}`)) throw new Error(`the filter did not update: ${t.search}`);
      t.focusKept = await page.evaluate(() => document.activeElement?.id === 'filter-q');
      r.filter.push(t);
      await settle(page, 150);
    }

    lap('filter keystrokes');
    // Real edits at a realistic pace: alternate "Move action … down" and "… up" on
    // the first matching action, one click every 250 ms (or as soon as the previous
    // edit has been rendered, if that takes longer); count the autosaves.
    // An action in the middle of a priority's own list, so that both moves are real.
    const target = await page.evaluate(() => [...document.querySelectorAll('main .results-table tbody th')]
      .map((th) => th.textContent.trim())
      .find((ref) => { const m = /^\d+\.(\d+)$/.exec(ref); return m && Number(m[1]) >= 2 && Number(m[1]) <= 20; }));
    if (!target) throw new Error('no action to move in the filtered list');
    r.editTarget = target;
    const EDITS = QUICK ? 10 : 20;
    const PACE = 250;
    const savesBefore = (await planWrites(page)).length;
    const startAt = await page.evaluate(() => Date.now());
    r.edits = [];
    const t0 = Date.now();
    for (let i = 0; i < EDITS; i++) {
      const due = t0 + i * PACE;
      if (Date.now() < due) await sleep(due - Date.now());
      const dir = i % 2 === 0 ? 'down' : 'up';
      // The re-render keeps the table and changes nothing visible (references stay
      // in order), so the edit is timed from the click to the next frame.
      await page.evaluate(() => window.__bench.arm('click', null, 30000));
      try {
        await page.locator(`main .results-table button[aria-label="Move action ${target} ${dir}"]`).click({ timeout: 20_000 });
        r.edits.push(await result(page));
      } catch (e) {
        if (VERBOSE) log(`  edit ${i + 1} (${dir}) failed: ${String(e).slice(0, 600)}`);
        r.edits.push(null);
      }
    }
    const endAt = await page.evaluate(() => Date.now());
    await sleep(1500);
    await page.evaluate(() => window.__bench.frame());
    const saves = (await planWrites(page)).slice(savesBefore);
    const during = saves.filter((s) => s.at <= endAt + 1);
    let maxPerSecond = 0;
    for (const s of saves) maxPerSecond = Math.max(maxPerSecond, saves.filter((x) => x.at >= s.at && x.at < s.at + 1000).length);
    r.autosaveEdits = { edits: EDITS, paceMs: PACE, startAt, durationMs: endAt - startAt, savesDuring: during.length, savesTotal: saves.length, maxPerSecond, saves };
    r.autosaves = (await autosaves(page)).filter((s) => s.bytes > 1_000_000);
    r.planWrites = await planWrites(page);

    lap('edits and autosaves');
    r.titleEdit = await titleEdit(page, plan, runIndex);
    lap('title edit');
    r.merge = await mergeStep(page, runIndex);
    if (VERBOSE) log(`  merge review: ${r.merge.preview.changes}`);
    lap('merge');
    // JSON.parse of the same text in the page (ratio b).
    r.jsonParse = await page.evaluate(async () => {
      const text = await (await fetch('bench/stress-plan.json', { cache: 'no-store' })).text();
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        JSON.parse(text);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { median: times[2], times, chars: text.length };
    });

    lap('JSON.parse');
    // The same action tables as static HTML, loaded by the browser (ratio a).
    // (In a context of its own: the app's service worker answers every navigation
    // in its scope with the app.)
    const st = await newPage(browser, rate);
    try {
      await st.page.goto(`${base}bench/static-actions.html`, { waitUntil: 'load' });
      await st.page.waitForFunction(() => window.__staticFrame !== undefined && window.__bench.firstRender !== null, null, { timeout: STEP_TIMEOUT });
      r.static = await st.page.evaluate(() => ({
      firstRender: window.__bench.firstRender,
      parsed: window.__staticParsed,
      frame: window.__staticFrame,
      nodes: document.getElementsByTagName('*').length,
      }));
    } finally {
      await st.context.close();
    }
    lap('static tables');
    r.errors = errors;
    return r;
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ installability

// Chromium's own check (Lighthouse 12 dropped the PWA category). It needs a real
// profile: in an incognito-like context every answer is "in-incognito".
async function installability(base) {
  const dir = mkdtempSync(join(os.tmpdir(), 'waymark-bench-profile-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROME, args: CHROME_ARGS, viewport: VIEWPORT });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${base}?page=dashboard`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
    await sleep(1000);
    const cdp = await ctx.newCDPSession(page);
    const inst = await cdp.send('Page.getInstallabilityErrors');
    const manifest = await cdp.send('Page.getAppManifest').catch(() => ({}));
    return { errors: inst.installabilityErrors ?? [], manifestErrors: manifest.errors ?? [], manifestUrl: manifest.url ?? null };
  } catch (e) {
    return { error: String(e).split('\n')[0] };
  } finally {
    await ctx.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ the leak check

async function leakCheck(browser, base, plan, rounds, warmup) {
  const { context, page, cdp, errors } = await newPage(browser, 1);
  try {
    await page.goto(`${base}?page=dashboard`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench.interactive !== null, null, { timeout: STEP_TIMEOUT });
    await settle(page, 300);
    await importStress(page);
    await navClick(page, 'Plan', plan.title);
    await settle(page, 300);
    const afterLoad = await memory(cdp, page);
    const round = async () => {
      await navClick(page, 'Dashboard', 'Dashboard');
      await navClick(page, 'Plan', plan.title);
      await navClick(page, 'KPIs', 'KPIs');
      await armH1Change(page, null);
      await page.locator('main table a[href*="id="]').first().click();
      await result(page);
      // A locator, not page.waitForSelector: that returns an element handle which
      // keeps the page's detached DOM alive for the whole session.
      await page.locator('main .chart-box svg path').first().waitFor({ state: 'attached', timeout: 30_000 });
      await navClick(page, 'Reports', 'Reports');
      await navClick(page, 'Files', 'Files');
    };
    const t = Date.now();
    for (let i = 0; i < Math.max(1, warmup); i++) await round();
    await settle(page, 300);
    const afterWarmup = await memory(cdp, page);
    // The heap after GC every 5 rounds, to tell a leak (steady growth) from caches
    // and compiled code filling up (growth that flattens).
    const series = [{ round: 0, jsHeap: afterWarmup.jsHeap, domNodes: afterWarmup.domNodes }];
    for (let i = 1; i <= rounds; i++) {
      await round();
      if (i % 5 === 0 && i < rounds) {
        await settle(page, 300);
        const m = await memory(cdp, page);
        series.push({ round: i, jsHeap: m.jsHeap, domNodes: m.domNodes });
      }
    }
    await settle(page, 500);
    const afterRounds = await memory(cdp, page);
    series.push({ round: rounds, jsHeap: afterRounds.jsHeap, domNodes: afterRounds.domNodes });
    const growth = (a, b) => (a && b ? (b - a) / a : NaN);
    return {
      rounds,
      warmup: Math.max(1, warmup),
      seconds: (Date.now() - t) / 1000,
      afterLoad,
      afterWarmup,
      afterRounds,
      jsGrowth: growth(afterWarmup.jsHeap, afterRounds.jsHeap),
      wasmGrowth: growth(afterWarmup.wasm, afterRounds.wasm),
      jsGrowthFromLoad: growth(afterLoad.jsHeap, afterRounds.jsHeap),
      wasmGrowthFromLoad: growth(afterLoad.wasm, afterRounds.wasm),
      domGrowth: growth(afterWarmup.domNodes, afterRounds.domNodes),
      series,
      errors,
    };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ Lighthouse

function runLighthouse(url, outFile) {
  return new Promise((resolvePromise) => {
    if (!existsSync(LH_CLI)) {
      resolvePromise({ error: `Lighthouse is not installed at ${relative(ROOT, LH_CLI)} (./bench installs it)` });
      return;
    }
    const args = [
      LH_CLI, url, '--output=json', `--output-path=${outFile}`, '--quiet',
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=${CHROME_ARGS.join(' ')}`,
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROME }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 || !existsSync(outFile)) {
        resolvePromise({ error: `lighthouse exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
        return;
      }
      const lhr = JSON.parse(readFileSync(outFile, 'utf8'));
      const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
      const audit = (a) => lhr.audits[a]?.numericValue ?? null;
      const failing = (c) => (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1)
        .map((ref) => `${ref.id} (${lhr.audits[ref.id].score})`);
      resolvePromise({
        version: lhr.lighthouseVersion,
        userAgent: lhr.environment?.hostUserAgent,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        pwa: lhr.categories.pwa ? Math.round(lhr.categories.pwa.score * 100) : 'category removed in Lighthouse 12',
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        si: audit('speed-index'),
        cls: audit('cumulative-layout-shift'),
        below100: {
          performance: failing('performance'),
          accessibility: failing('accessibility'),
          'best-practices': failing('best-practices'),
          seo: failing('seo'),
        },
      });
    });
  });
}

// ------------------------------------------------------------------ the table

const ms = (x) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`) : '—');
const kb = (x) => (Number.isFinite(x) ? `${(x / 1000).toFixed(1)} kB` : '—');
const mb = (x) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(1)} MB` : '—');
const pct = (x) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %` : '—');
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}` : '—');

function cellOf(s, fmt) {
  if (s == null) return '—';
  if (typeof s === 'object' && 'median' in s) {
    if (!Number.isFinite(s.median)) return '—';
    return s.n > 1 ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : fmt(s.median);
  }
  return typeof s === 'number' ? fmt(s) : String(s);
}

function verdict(value, limit, cmp, fmt) {
  if (limit == null) return '';
  const v = value && typeof value === 'object' && 'median' in value ? value.median : value;
  if (!Number.isFinite(v)) return 'n/a';
  const ok = cmp === '>=' ? v >= limit : v <= limit;
  if (ok) return 'pass';
  const by = cmp === '>=' ? limit - v : v - limit;
  const times = cmp === '>=' ? '' : limit > 0 ? ` ×${(v / limit).toFixed(1)}` : '';
  const amount = fmt && fmt !== String ? fmt(by).replace(/^\+/, '') : Number.isInteger(by) ? by : by.toFixed(by < 10 ? 2 : 0);
  return `FAIL by ${amount}${times}`;
}

function buildTable(rows) {
  const head = ['measure', 'budget', 'un-throttled', '4× CPU', 'result'];
  const body = rows.map((r) => {
    const v1 = verdict(r.check ?? r.v1, r.limit1, r.cmp, r.check !== undefined ? kb : r.fmt);
    const v4 = verdict(r.v4, r.limit4, r.cmp, r.fmt);
    const res = [v1, v4 && `4×: ${v4}`].filter(Boolean).join('; ');
    return [r.name, r.budget ?? '', cellOf(r.v1, r.fmt), r.v4 === undefined ? '' : cellOf(r.v4, r.fmt), res];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

// ------------------------------------------------------------------ main

async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function main() {
  const started = Date.now();
  const planFile = JSON.parse(readFileSync(STRESS, 'utf8'));
  const plan = planFile.plan ?? planFile;
  log(`stress plan: ${plan.priorities.length} priorities, ${plan.kpis.length} KPIs, ${statSync(STRESS).size} bytes`);
  const staticPage = writeStaticTablePage(planFile);
  log(`static action tables: ${staticPage.rows} rows, ${staticPage.bytes} bytes`);
  const sizes = transferSizes();

  const port = await freePort();
  const server = spawn(process.execPath, [join(ROOT, 'tests/serve.mjs'), '--root', DIST, '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  let browser;
  const stopAll = async () => {
    if (browser) await browser.close().catch(() => {});
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopAll().finally(() => process.exit(130)); });
  try {
    const base = `http://127.0.0.1:${port}/`;
    for (let i = 0; ; i++) {
      if (await fetch(base).then((r) => r.ok, () => false)) break;
      if (i > 100) throw new Error('the static server did not start');
      await sleep(100);
    }
    const inst = await installability(base);
    log(`installability: ${JSON.stringify(inst)}`);
    browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
    const chromiumVersion = browser.version();
    const runs = Object.fromEntries([1, 4, ...RATES].map((r) => [r, []]));
    for (const rate of RATES) {
      for (let i = 0; i < RUNS; i++) {
        const t = Date.now();
        runs[rate].push(await oneRun(browser, base, rate, i, plan));
        log(`run ${i + 1}/${RUNS} at ${rate}× CPU: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    }
    log(`leak check: ${LEAK_WARMUP} warm-up + ${LEAK_ROUNDS} rounds of every page on the stress plan`);
    const leak = await leakCheck(browser, base, plan, LEAK_ROUNDS, LEAK_WARMUP).catch((e) => ({ error: String(e).split('\n')[0], rounds: LEAK_ROUNDS, seconds: NaN, errors: [] }));
    log(`leak check: ${leak.seconds.toFixed(1)} s`);
    if (leak.series) log(`leak check: JS heap after GC by round: ${leak.series.map((p) => `${p.round}: ${(p.jsHeap / 1e6).toFixed(2)}`).join(', ')} MB`);
    await browser.close();
    browser = null;
    const lighthouse = [];
    for (let i = 0; i < LH_RUNS; i++) {
      log(`Lighthouse run ${i + 1}/${LH_RUNS}`);
      mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
      lighthouse.push(await runLighthouse(`${base}?page=dashboard`, join(ROOT, `target/bench/lighthouse-${i}.json`)));
    }
    await stopAll();

    // ---- aggregate
    const per = (rate, f) => stats(runs[rate].map((r) => { try { return f(r); } catch { return NaN; } }));
    const both = (f) => ({ v1: per(1, f), v4: per(4, f) });
    const importTotal = (r) => r.import.preview.frame + r.import.replace.frame + r.planRender.frame;
    const ratioA = (r) => r.planRender.frame / r.static.frame;
    const ratioB = (r) => r.import.preview.dom / r.jsonParse.median;
    const lhOk = lighthouse.filter((l) => !l.error);
    const lhMed = (k) => (lhOk.length ? median(lhOk.map((l) => l[k])) : NaN);
    const installable = inst && Array.isArray(inst.errors) ? (inst.errors.length === 0 ? 'yes (no errors)' : `no: ${inst.errors.map((e) => e.errorId).join(', ')}`) : `not measured (${inst?.error})`;
    const F = { ms, kb, mb, pct, ratio, n: (x) => (Number.isFinite(x) ? String(Math.round(x)) : '—') };
    const rows = [
      { name: 'wasm (raw / gzip / brotli)', budget: '≤ 250 kB br', v1: `${kb(sizes.groups.wasm?.raw)} / ${kb(sizes.groups.wasm?.gzip)} / ${kb(sizes.groups.wasm?.brotli)}`, limit1: 250_000, cmp: '<=', fmt: String, check: sizes.groups.wasm?.brotli },
      { name: 'JS (raw / gzip / brotli)', v1: `${kb(sizes.groups.js?.raw)} / ${kb(sizes.groups.js?.gzip)} / ${kb(sizes.groups.js?.brotli)}`, fmt: String },
      { name: 'CSS (raw / gzip / brotli)', v1: `${kb(sizes.groups.css?.raw)} / ${kb(sizes.groups.css?.gzip)} / ${kb(sizes.groups.css?.brotli)}`, fmt: String },
      { name: 'ECharts, lazy (raw / gzip / brotli)', v1: `${kb(sizes.groups.echarts?.raw)} / ${kb(sizes.groups.echarts?.gzip)} / ${kb(sizes.groups.echarts?.brotli)}`, fmt: String },
      { name: 'first paint needs (raw / gzip / brotli)', budget: '≤ 350 kB br', v1: `${kb(sizes.firstPaint.raw)} / ${kb(sizes.firstPaint.gzip)} / ${kb(sizes.firstPaint.brotli)}`, limit1: 350_000, cmp: '<=', fmt: String, check: sizes.firstPaint.brotli },
      { name: 'cold load → first render (dashboard h1)', budget: '≤ 300 ms; 4×: ≤ 1.2 s', ...both((r) => r.cold.firstRender), limit1: 300, limit4: 1200, cmp: '<=', fmt: ms },
      { name: 'cold load → first frame with it', ...both((r) => r.cold.firstFrame), fmt: ms },
      { name: 'cold load → interactive (nav click handled)', ...both((r) => r.cold.interactive), fmt: ms },
      { name: 'stress import: file chosen → preview', ...both((r) => r.import.preview.frame), fmt: ms },
      { name: 'stress import: Replace → plan replaced', ...both((r) => r.import.replace.frame), fmt: ms },
      { name: 'stress plan: nav → Plan page rendered', ...both((r) => r.planRender.frame), fmt: ms },
      { name: 'stress import + first render (sum of 3)', budget: '≤ 800 ms', ...both(importTotal), limit1: 800, cmp: '<=', fmt: ms },
      { name: 'ratio (a) Plan page ÷ static HTML tables', budget: '≤ 0.5', ...both(ratioA), limit1: 0.5, cmp: '<=', fmt: ratio },
      { name: 'ratio (b) import ÷ JSON.parse', budget: '≤ 3.0', ...both(ratioB), limit1: 3.0, cmp: '<=', fmt: ratio },
      { name: 'filter: 1st keystroke → list (stress)', budget: '≤ 50 ms', ...both((r) => r.filter[0].frame), limit1: 50, cmp: '<=', fmt: ms },
      { name: 'filter: 2nd–4th keystroke → list (stress)', budget: '≤ 50 ms', ...both((r) => median(r.filter.slice(1).map((f) => f.frame))), limit1: 50, cmp: '<=', fmt: ms },
      { name: 'KPI page with chart, first (loads ECharts)', budget: '≤ 150 ms', ...both((r) => r.kpi[0].frame), limit1: 150, cmp: '<=', fmt: ms },
      { name: 'KPI page with chart, next', budget: '≤ 150 ms', ...both((r) => r.kpi[1].frame), limit1: 150, cmp: '<=', fmt: ms },
      ...['Plan', 'KPIs', 'Reports', 'Files', 'Dashboard'].map((p) => ({ name: `page switch → ${p} (example plan)`, budget: '≤ 100 ms', ...both((r) => r.switch[p].frame), limit1: 100, cmp: '<=', fmt: ms })),
      { name: 'edit (move action) → table re-rendered', ...both((r) => median(r.edits.filter(Boolean).map((e) => e.frame))), fmt: ms },
      { name: 'edit one action\'s title (form Save) → row shows it (stress)', budget: '≤ 16 ms', ...both((r) => r.titleEdit.frame), limit1: 16, cmp: '<=', fmt: ms },
      { name: 'merge 200 changed objects: Merge changes → review shown (stress)', budget: '≤ 300 ms', ...both((r) => r.merge.preview.frame), limit1: 300, cmp: '<=', fmt: ms },
      { name: 'merge 200 changed objects: Merge → plan merged (stress)', budget: '≤ 300 ms', ...both((r) => r.merge.apply.frame), limit1: 300, cmp: '<=', fmt: ms },
      { name: 'autosave of the stress plan (main thread)', budget: '≤ 50 ms', ...both((r) => median(r.autosaves.map((s) => s.ms))), limit1: 50, cmp: '<=', fmt: ms },
      { name: 'autosave after an edit (main thread)', ...both((r) => median(r.autosaves.filter((s) => s.at >= r.autosaveEdits.startAt).map((s) => s.ms))), fmt: ms },
      { name: 'autosave after an edit: characters written', ...both((r) => median(r.autosaves.filter((s) => s.at >= r.autosaveEdits.startAt).map((s) => s.written))), fmt: F.n },
      { name: 'autosave of the just-imported plan (all written)', ...both((r) => r.autosaves[0]?.ms ?? NaN), fmt: ms },
      { name: 'autosave: the whole task (long task)', ...both((r) => median(r.planWrites.map((w) => w.task ?? NaN))), fmt: ms },
      { name: 'autosaves in a long task (≥ 50 ms)', ...both((r) => r.planWrites.filter((w) => w.task !== null).length), fmt: F.n },
      { name: 'autosave: localStorage.setItem alone', ...both((r) => median(r.planWrites.map((w) => w.ms))), fmt: ms },
      { name: `autosaves in any 1 s, ${runs[1][0]?.autosaveEdits.edits} edits 250 ms apart`, budget: '≤ 1', ...both((r) => r.autosaveEdits.maxPerSecond), limit1: 1, cmp: '<=', fmt: F.n },
      { name: 'autosaves started before the last edit', ...both((r) => r.autosaveEdits.savesDuring), fmt: F.n },
      { name: 'JS heap after loading the stress plan', ...both((r) => r.memory.jsHeap), fmt: mb },
      { name: 'Wasm memory after loading the stress plan', ...both((r) => r.memory.wasm), fmt: mb },
      { name: `JS heap growth, ${leak.rounds} rounds of every page`, budget: '≤ 5 %', v1: leak.jsGrowth, limit1: 0.05, cmp: '<=', fmt: pct },
      { name: `Wasm memory growth, ${leak.rounds} rounds`, budget: '≤ 5 %', v1: leak.wasmGrowth, limit1: 0.05, cmp: '<=', fmt: pct },
      { name: 'Lighthouse Performance (mobile)', budget: '≥ 95', v1: lhMed('performance'), limit1: 95, cmp: '>=', fmt: F.n },
      { name: 'Lighthouse Accessibility', budget: '100', v1: lhMed('accessibility'), limit1: 100, cmp: '>=', fmt: F.n },
      { name: 'Lighthouse Best Practices', budget: '100', v1: lhMed('bestPractices'), limit1: 100, cmp: '>=', fmt: F.n },
      { name: 'Lighthouse SEO', budget: '≥ 90', v1: lhMed('seo'), limit1: 90, cmp: '>=', fmt: F.n },
      { name: 'installable (Page.getInstallabilityErrors)', budget: 'yes', v1: installable, fmt: String },
    ];
    const finalTable = buildTable(rows);

    const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
    const where = join(OUT, `bench-${stamp}.json`);
    mkdirSync(OUT, { recursive: true });
    const report = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, chromium: chromiumVersion },
      options: { dist: relative(ROOT, DIST), runs: RUNS, rates: RATES, leakRounds: LEAK_ROUNDS, leakWarmup: LEAK_WARMUP, lighthouseRuns: LH_RUNS, quick: QUICK },
      seconds: (Date.now() - started) / 1000,
      table: finalTable,
      sizes,
      staticPage,
      stressPlanBytes: statSync(STRESS).size,
      summary: Object.fromEntries(rows.map((r) => [r.name, { budget: r.budget ?? null, v1: r.v1, v4: r.v4 ?? null }])),
      leak,
      lighthouse,
      installability: inst ?? null,
      runs,
    };
    writeFileSync(where, JSON.stringify(report, null, 1));
    console.log(finalTable);
    console.log(`\nSaved ${relative(ROOT, where)} (${report.seconds.toFixed(0)} s).`);
    const errs = [...runs[1], ...runs[4]].flatMap((r) => r.errors ?? []).concat(leak.errors);
    if (errs.length) console.log(`Errors thrown in the page: ${[...new Set(errs)].join(' | ')}`);
    for (const l of lighthouse) if (l.error) console.log(`Lighthouse: ${l.error}`);
  } finally {
    await stopAll();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
