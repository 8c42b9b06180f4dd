// The smoke suite's hook, run first in every page of the app under test (before the
// app's own scripts): Firefox gets it as a WebDriver BiDi preload script; WebKitGTK,
// whose WebKitWebDriver has neither BiDi nor console logs, gets it as the first
// script of a test copy of index.html (see run.mjs). It
// - records every uncaught error, unhandled rejection and console.error in
//   window.__engineErrors (the runner reads them before each navigation);
// - marks the device as having chosen the example (`waymark.chosen`), so the
//   first-run welcome stays away, as tests/e2e/fixtures.mjs markChosen does;
// - catches the app's downloads (a Blob behind an <a download> link, clicked):
//   the file's name and text (read from the Blob given to URL.createObjectURL)
//   go to window.__engineDownloads instead of the engine's download manager, so
//   the test can import what the app exported.
(() => {
  if (window.__engineErrors) return;
  const errors = (window.__engineErrors = []);
  const downloads = (window.__engineDownloads = []);
  const text = (v) => {
    if (v instanceof Error || (v && typeof v.name === 'string' && typeof v.message === 'string')) return `${v.name}: ${v.message}`;
    try { return typeof v === 'string' ? v : JSON.stringify(v); } catch { return String(v); }
  };
  window.addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) errors.push(`uncaught ${e.message} (${e.filename}:${e.lineno})`);
    else if (e.target && e.target !== window) errors.push(`failed to load <${e.target.localName}> ${e.target.src || e.target.href || ''}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => errors.push(`unhandled rejection ${text(e.reason)}`));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(`console.error ${args.map(text).join(' ')}`);
    return consoleError.apply(console, args);
  };
  try {
    if (localStorage.getItem('waymark.chosen') === null) localStorage.setItem('waymark.chosen', 'example');
  } catch (e) { errors.push(`hook could not write local storage: ${text(e)}`); }
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element && e.target.closest('a[download]');
    if (!a) return;
    e.preventDefault();
    const blob = blobs.get(a.href);
    const entry = { name: a.download, type: blob?.type ?? null, text: null, error: blob ? null : `no Blob behind ${a.href}` };
    downloads.push(entry);
    blob?.text().then((t) => { entry.text = t; }, (err) => { entry.error = text(err); });
  }, true);
})();
