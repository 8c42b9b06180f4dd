// The smoke suite in the other engines: Debian's Firefox ESR (puppeteer-core over
// WebDriver BiDi) and WebKitGTK (selenium-webdriver against WebKitWebDriver and the
// GTK MiniBrowser, under an Xvfb display of its own). The main flows of the release
// build, as a user sees them: every page opens with no script error, an edit
// survives a reload, an exported file imports, a KPI chart draws, and once the
// service worker has taken control the app opens with the server stopped.
//
// Usage: node tests/engines/run.mjs [--dist dist] [--port 4185] [--engines firefox,webkit]
// Ports: the build is served on PORT (Firefox) and PORT+1 (WebKit); WebKitWebDriver
// listens on PORT+2. Prints one line per engine per check and a summary; exits 1
// when any check fails (or cannot run: the line says why).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const DIST = resolve(args.dist ?? 'dist');
const PORT = Number(args.port ?? 4185);
const ENGINES = (args.engines ?? 'firefox,webkit').split(',');
const SERVE = fileURLToPath(new URL('../serve.mjs', import.meta.url));
const HOOK = readFileSync(new URL('./hook.js', import.meta.url), 'utf8');
const FIREFOX = '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
// The GTK MiniBrowser of libwebkit2gtk-4.1-0, in the multiarch folder
// (/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser on amd64).
const MINIBROWSER = readdirSync('/usr/lib').map((d) => `/usr/lib/${d}/webkit2gtk-4.1/MiniBrowser`).find(existsSync)
  ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const PLAN_TITLE = 'CYPS Performance Improvement Plan';
const CHECK_TIMEOUT = 90_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const work = mkdtempSync(join(tmpdir(), 'waymark-engines-'));
const children = new Set();
// Whatever ends the run (a crash, Ctrl-C, a closed pipe), the suite's own processes
// (servers, Xvfb, WebKitWebDriver and so its MiniBrowser) end with it.
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(1));
process.stdout.on('error', () => process.exit(1));

/** Starts a process of the suite's own; killed at the end whatever happens. */
function start(cmd, argv, opts = {}) {
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  // The line that names the error (Node's own output starts with a source line).
  child.stderrText = () => (stderr.match(/^.*Error\b.*$/m)?.[0] ?? stderr.trim().split('\n').pop() ?? '').trim();
  child.exited = new Promise((r) => child.once('exit', r));
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
async function stop(child) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await Promise.race([child.exited, sleep(5000)]);
  if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await child.exited; }
}
async function until(what, fn, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    try { const v = await fn(); if (v) return v; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what} did not come up in ${secs(ms)}`);
    await sleep(100);
  }
}

/** The build served by tests/serve.mjs, as playwright.config.mjs serves it: at /waymark/. */
async function serve(root, port) {
  const child = start(process.execPath, [SERVE, '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout.on('data', (d) => { said += d; });
  // Its own "Serving …" line, not merely an answer on the port (which another server may hold).
  await until(`the server on port ${port}`, () => /^Serving /m.test(said) || child.exitCode !== null);
  if (child.exitCode !== null) throw new Error(`the server on port ${port} exited: ${child.stderrText()}`);
  const base = `http://127.0.0.1:${port}/waymark/`;
  if (!(await fetch(base)).ok) throw new Error(`the server on port ${port} does not serve ${base}`);
  return { base, child };
}
const refused = (base) => fetch(base).then(() => false, () => true);

// ---------------------------------------------------------------------------
// Engines. Each gives the checks one small interface: open/refresh (the checks call
// them through goto/reload, which first collect the leaving page's errors), eval (a
// page function, may be async, and its argument), element (a page function returning
// an element), click, type, upload, quit.

async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = join(work, 'firefox-profile');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'app.update.disabledForTesting': true,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
    },
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  page.setDefaultTimeout(30_000);
  // The hook as a WebDriver BiDi preload script (script.addPreloadScript): it runs
  // before any of the page's own scripts, and the page's CSP does not apply to it.
  await page.evaluateOnNewDocument(HOOK);
  // Puppeteer's own report of uncaught errors too, where the hook has not seen them.
  const extra = [];
  page.on('pageerror', (e) => extra.push(`${e.message ?? e}`));
  return {
    name: 'Firefox ESR',
    version: (await browser.version()).replace('firefox/', ''),
    hookHow: 'a WebDriver BiDi preload script',
    extraErrors: (seen) => extra.splice(0).filter((m) => !seen.some((s) => s.includes(m))).map((m) => `pageerror ${m}`),
    eval: (fn, ...a) => page.evaluate(fn, ...a),
    element: async (fn, ...a) => (await page.evaluateHandle(fn, ...a)).asElement(),
    open: (url) => page.goto(url, { waitUntil: 'load' }),
    refresh: () => page.reload({ waitUntil: 'load' }),
    click: (el) => el.click(),
    type: async (el, text) => { await el.evaluate((e) => { e.focus(); e.select(); }); await el.type(text); },
    upload: (el, path) => el.uploadFile(path),
    quit: async () => { await browser.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

async function webkit() {
  const { Builder } = await import('selenium-webdriver');
  // An X display of the suite's own (Xvfb picks a free number and says which).
  const xvfb = start('Xvfb', ['-displayfd', '3', '-screen', '0', '1366x768x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let displayText = '';
  xvfb.stdio[3].on('data', (d) => { displayText += d; });
  const display = `:${(await until('Xvfb', () => /\n/.test(displayText) && displayText.trim())).trim()}`;
  const driverPort = PORT + 2;
  const driver = start(WEBKIT_DRIVER, [`--port=${driverPort}`], { env: { ...process.env, DISPLAY: display } });
  const server = `http://127.0.0.1:${driverPort}`;
  await until('WebKitWebDriver', async () => (await fetch(`${server}/status`)).ok || driver.exitCode !== null);
  if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${driver.stderrText()}`);
  // Through usingServer: selenium-manager is never asked to find or download a driver.
  const wd = await new Builder().usingServer(server).withCapabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  }).build();
  await wd.manage().window().setRect({ width: 1366, height: 768 });
  await wd.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
  const caps = await wd.getCapabilities();
  // Any page function, sync or async, its arguments, and what it returns (elements too).
  const run = async (fn, a) => {
    const r = await wd.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
         .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && e.stack || e) }));`,
      ...a);
    if (r && 'err' in r) throw new Error(r.err);
    return r.ok;
  };
  return {
    name: 'WebKitGTK',
    version: caps.get('browserVersion'),
    hookHow: 'the first script of a test copy of index.html (WebKitWebDriver has no BiDi)',
    extraErrors: () => [],
    eval: (fn, ...a) => run(fn, a),
    element: (fn, ...a) => run(fn, a),
    open: (url) => wd.get(url),
    refresh: () => wd.navigate().refresh(),
    // Scrolled to first, as a user scrolls to it: WebKitWebDriver 2.50's Element
    // Click fails ("element not interactable") on an element below the fold inside
    // a `content-visibility: auto` box (the Plan page's priority sections), whose
    // content is not laid out until it nears the viewport; once scrolled, it clicks.
    click: async (el) => { await wd.executeScript('arguments[0].scrollIntoView({ block: "center" })', el); await el.click(); },
    type: async (el, text) => { await el.clear(); await el.sendKeys(text); },
    upload: (el, path) => el.sendKeys(path),
    quit: async () => {
      try { await wd.quit(); } finally { await stop(driver); await stop(xvfb); }
    },
  };
}

/**
 * A copy of the build for WebKitGTK with the hook as the first script of
 * index.html (after the CSP, which allows it: it is a same-origin file) and in the
 * service worker's precache list, so it also runs when the page comes from the cache.
 */
function hookedCopy(dist) {
  const dir = join(work, 'webkit-dist');
  cpSync(dist, dir, { recursive: true });
  writeFileSync(join(dir, '__engine-hook.js'), HOOK);
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const hooked = index.replace('<script', '<script src="./__engine-hook.js"></script>\n<script');
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const swHooked = sw.replace('const PRECACHE = [', 'const PRECACHE = [\n  "./__engine-hook.js",');
  if (hooked === index || swHooked === sw) throw new Error('could not add the error hook to index.html and sw.js');
  writeFileSync(join(dir, 'index.html'), hooked);
  writeFileSync(join(dir, 'sw.js'), swHooked);
  return dir;
}

// ---------------------------------------------------------------------------
// The checks, on what the user sees.

const h1 = () => document.querySelector('h1')?.textContent.trim() ?? null;
const headerTitle = () => document.querySelector('.app-header .plan-title')?.textContent.trim() ?? null;

/** The page's errors so far (and taken from it), or why they cannot be read. */
async function collect(t) {
  const found = await t.engine.eval(() => {
    if (!location.protocol.startsWith('http')) return [];
    return window.__engineErrors ? window.__engineErrors.splice(0) : ['the error hook did not run in this page'];
  }).catch((e) => [`could not read the page's errors: ${e.message}`]);
  t.errors.push(...found, ...t.engine.extraErrors([...t.errors, ...found]));
}
async function goto(t, query) {
  await collect(t);
  try {
    await t.engine.open(`${t.base}${query}`);
  } catch (e) {
    throw new Error(`opening ${query}: ${e.message.split('\n')[0]}`);
  }
}
async function reload(t) {
  await collect(t);
  await t.engine.refresh();
}
/** Waits until `fn` (a page function) gives what `ok` accepts; else fails with what it gave. */
async function see(t, what, fn, ok, arg, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await t.engine.eval(fn, arg);
      if (ok(last)) return last;
    } catch (e) { last = `(${e.message.split('\n')[0]})`; }
    if (Date.now() > end) throw new Error(`${what}: saw ${JSON.stringify(last)}`);
    await sleep(150);
  }
}
const seeH1 = (t, name) => see(t, `the page's heading "${name}"`, h1, (v) => v === name);
async function find(t, what, fn, arg, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const el = await t.engine.element(fn, arg).catch(() => null);
    if (el) return el;
    if (Date.now() > end) throw new Error(`${what}: not found`);
    await sleep(150);
  }
}
/**
 * A user's action (click, type, upload) on the element `locator` finds: a page
 * function and its one argument. Failures name the element.
 */
async function act(t, verb, what, [fn, arg], ...rest) {
  const el = await find(t, what, fn, arg);
  try {
    await t.engine[verb](el, ...rest);
  } catch (e) {
    throw new Error(`${verb} ${what}: ${e.name}: ${e.message.split('\n')[0]}`);
  }
}
// Locators: the main area's button of that text, the control of the label that
// matches (a regular expression's source), the element of a selector.
const byButton = (name) => [(n) => [...document.querySelectorAll('main button')].find((b) => b.textContent.trim() === n) ?? null, name];
const byLabel = (pattern) => [(p) => {
  const label = [...document.querySelectorAll('main label')].find((l) => new RegExp(p).test(l.textContent.trim()));
  return label ? document.getElementById(label.htmlFor) : null;
}, pattern];
const bySelector = (css) => [(c) => document.querySelector(c), css];

const CHECKS = [
  ['every page opens with no script error', async (t) => {
    const pages = [['dashboard', 'Dashboard'], ['plan', PLAN_TITLE], ['kpis', 'KPIs'], ['reports', 'Reports'], ['files', 'Files']];
    for (const [page, heading] of pages) {
      await goto(t, `?page=${page}`);
      await seeH1(t, heading);
      await see(t, `the plan's title in the header on ?page=${page}`, headerTitle, (v) => v === PLAN_TITLE);
      await collect(t);
      if (t.errors.length) throw new Error(`on ?page=${page}`);
    }
    return pages.map((p) => p[0]).join(', ');
  }],

  ['an edit survives a reload', async (t) => {
    const title = `Edited in ${t.engine.name}`;
    const rowTitle = () => document.querySelector('button[aria-label="Edit action 1.1"]')
      ?.closest('tr')?.querySelector('.action-title')?.textContent.trim() ?? null;
    await goto(t, '?page=plan');
    await seeH1(t, PLAN_TITLE);
    const before = await see(t, 'action 1.1 in the plan', rowTitle, (v) => v !== null);
    if (before === title) throw new Error(`action 1.1 already has the new title before the edit: not a fresh profile`);
    await act(t, 'click', 'the "Edit action 1.1" button', bySelector('button[aria-label="Edit action 1.1"]'));
    await seeH1(t, 'Edit action 1.1');
    await act(t, 'type', 'the Title textbox', byLabel('^Title( \\(required\\))?$'), title);
    await act(t, 'click', 'the "Save action" button', byButton('Save action'));
    await see(t, 'action 1.1 with its new title', rowTitle, (v) => v === title);
    await see(t, '"Saved at …" in the save status', () => [...document.querySelectorAll('[role=status]')].map((s) => s.textContent.trim()).join(' | '),
      (v) => /Saved at \d/.test(v));
    await reload(t);
    await seeH1(t, PLAN_TITLE);
    await see(t, 'action 1.1 with its new title after the reload', rowTitle, (v) => v === title);
    return `1.1 "${before}" → "${title}"`;
  }],

  ['an exported file imports', async (t) => {
    await goto(t, '?page=files');
    await seeH1(t, 'Files');
    await act(t, 'click', 'the "Export plan" button', byButton('Export plan'));
    const file = await see(t, 'the exported file', () => window.__engineDownloads.at(-1) ?? null,
      (d) => d && (d.text !== null || d.error !== null));
    if (file.error) throw new Error(`the exported file could not be read: ${file.error}`);
    if (!/^cyps-performance-improvement-plan-\d{4}-\d{2}-\d{2}\.json$/.test(file.name)) throw new Error(`export named ${file.name}`);
    const json = JSON.parse(file.text);
    if (json.format !== 'waymark-plan' || json.plan?.title !== PLAN_TITLE) throw new Error(`the export is not the open plan: ${file.text.slice(0, 120)}`);
    const title = `Imported in ${t.engine.name}`;
    json.plan.title = title;
    const path = join(work, `${t.key}-import.json`);
    writeFileSync(path, JSON.stringify(json, null, 2));
    await act(t, 'upload', 'the "Import plan" file input', byLabel('^Import plan$'), path);
    await see(t, 'the preview of the chosen file', () => document.querySelector('#preview-heading')?.textContent.trim() ?? null,
      (v) => v === `Preview of “${t.key}-import.json”`);
    await act(t, 'click', 'the "Replace current plan" button', byButton('Replace current plan'));
    await see(t, 'the imported plan\'s title in the header', headerTitle, (v) => v === title);
    return `${file.name} (${file.text.length} characters) → "${title}"`;
  }],

  ['a KPI chart draws', async (t) => {
    await goto(t, '?page=kpis');
    await seeH1(t, 'KPIs');
    const kpiLink = 'main a[href*="page=kpis"][href*="id="]';
    const name = await see(t, 'a link to a KPI', (c) => document.querySelector(c)?.textContent.trim() ?? null, (v) => !!v, kpiLink);
    await act(t, 'click', `the link "${name}"`, bySelector(kpiLink));
    const heading = await see(t, 'the KPI\'s page', h1, (v) => v && v !== 'KPIs');
    const paths = await see(t, 'an svg path drawn in the chart', () => [...document.querySelectorAll('.chart-box svg path')]
      .filter((p) => (p.getAttribute('d') ?? '').length > 10).length, (n) => n > 0);
    return `"${name}" → "${heading}", ${paths} paths`;
  }],

  ['with the server stopped, the app opens from the service worker', async (t) => {
    await goto(t, '?page=dashboard');
    await seeH1(t, 'Dashboard');
    await see(t, 'the service worker in control of the page', () => navigator.serviceWorker?.controller?.state ?? null, (v) => v === 'activated');
    const title = await t.engine.eval(headerTitle);
    await t.stopServer();
    if (!(await refused(t.base))) throw new Error('the server still answers');
    await goto(t, '?page=kpis');
    await seeH1(t, 'KPIs');
    await see(t, 'the plan\'s title in the header', headerTitle, (v) => v === title);
    await goto(t, '?page=dashboard');
    await seeH1(t, 'Dashboard');
    return `?page=kpis and ?page=dashboard opened with no server ("${title}")`;
  }],
];

// ---------------------------------------------------------------------------

async function runEngine(key) {
  const t0 = Date.now();
  const results = [];
  let engine;
  let served;
  try {
    served = await serve(key === 'webkit' ? hookedCopy(DIST) : DIST, key === 'webkit' ? PORT + 1 : PORT);
    engine = await (key === 'webkit' ? webkit() : firefox());
  } catch (e) {
    const why = `the test set-up failed: ${e.message.split('\n')[0]}`;
    for (const [name] of CHECKS) results.push({ key, name, ok: false, detail: `cannot run: ${why}` });
    for (const r of results) report(key, r);
    if (served) await stop(served.child);
    return { key, label: key, results, ms: Date.now() - t0 };
  }
  console.log(`${key}: ${engine.name} ${engine.version}; errors caught by a hook loaded first in the page, as ${engine.hookHow}`);
  for (const [name, fn] of CHECKS) {
    const t = { key, engine, base: served.base, errors: [], stopServer: () => stop(served.child) };
    const c0 = Date.now();
    let r;
    try {
      const detail = await Promise.race([fn(t), sleep(CHECK_TIMEOUT).then(() => { throw new Error(`took over ${secs(CHECK_TIMEOUT)}`); })]);
      await collect(t);
      r = t.errors.length ? { ok: false, detail: `script errors: ${t.errors.join('; ')}` } : { ok: true, detail };
    } catch (e) {
      await collect(t).catch(() => {});
      r = { ok: false, detail: (e.message.split('\n')[0] || String(e.name ?? e)) + (t.errors.length ? `; script errors: ${t.errors.join('; ')}` : '') };
    }
    r = { key, name, ...r, ms: Date.now() - c0 };
    results.push(r);
    report(key, r);
  }
  await engine.quit().catch((e) => console.log(`${key}: closing the browser: ${e.message}`));
  await stop(served.child);
  return { key, label: `${engine.name} ${engine.version}`, results, ms: Date.now() - t0 };
}

function report(key, r) {
  const ms = r.ms === undefined ? '' : ` (${secs(r.ms)})`;
  console.log(`${key.padEnd(7)} ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${ms}${r.detail ? ` — ${r.detail}` : ''}`);
}

let runs = [];
try {
  for (const key of ENGINES) {
    if (key !== 'firefox' && key !== 'webkit') throw new Error(`unknown engine ${key} (firefox, webkit)`);
    runs.push(await runEngine(key));
  }
} finally {
  await Promise.all([...children].map(stop));
  rmSync(work, { recursive: true, force: true });
}
const all = runs.flatMap((r) => r.results);
const failed = all.filter((r) => !r.ok);
console.log(`\nengine smoke tests: ${all.length - failed.length} passed, ${failed.length} failed; ${runs.map((r) => `${r.label} ${secs(r.ms)}`).join(', ')}`);
process.exit(failed.length ? 1 : 0);
