// Debian's Chromium and the flags it runs with here (closed network, fresh profile):
// one list for the browser tests and the benchmark.
export const CHROME = '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
