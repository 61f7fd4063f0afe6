// Opens a page in a real Chromium and tells what a person sees there, for the browser tests
// (dev.brownout.local.testing.Browser runs it; see its Javadoc).
//
//   node look.mjs '{"url": "http://...", "screenshot": "/path/to.png", "selectors": ["h1", "svg.chart"],
//                   "chromium": "/usr/bin/chromium", "timeoutMs": 20000}'
//
// Prints one JSON document on stdout:
//   {"url": <final URL>, "status": <HTTP status>, "title": <document title>,
//    "pageErrors": [<uncaught exceptions>], "consoleErrors": [<console.error lines>],
//    "elements": {"<selector>": [{"text", "visible", "attributes": {...}}, ...]}}
// and exits 0; on any failure (no browser, no answer, timeout) prints why on stderr and exits 1.
// Chromium is Debian's (playwright-core never downloads one here), each run with a fresh profile.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Bounds: a page can hold anything; the answer stays small.
const MAX_ELEMENTS = 200;
const MAX_TEXT = 2000;
const MAX_ATTRIBUTE = 2000;

// Measured on these machines: without the background-networking flags the closed network
// refuses Chromium's own connections, slowly.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const request = JSON.parse(process.argv[2] ?? '{}');
for (const key of ['url', 'screenshot', 'chromium']) {
  if (typeof request[key] !== 'string' || request[key] === '') {
    console.error(`look.mjs: the request has no "${key}": ${process.argv[2]}`);
    process.exit(2);
  }
}
const selectors = request.selectors ?? [];
const timeout = request.timeoutMs ?? 20000;

const profile = await mkdtemp(join(tmpdir(), 'brownout-chromium-'));
let context;
try {
  // headless: true is Chromium's --headless; a persistent context is how Playwright takes a
  // --user-data-dir of our own.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: request.chromium,
    headless: true,
    args: FLAGS,
    timeout,
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(timeout);
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error.message ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto(request.url, { waitUntil: 'load', timeout });
  await page.screenshot({ path: request.screenshot, fullPage: true, timeout });
  const elements = {};
  for (const selector of selectors) {
    elements[selector] = await page.$$eval(
      selector,
      (nodes, [maxElements, maxText, maxAttribute]) =>
        nodes.slice(0, maxElements).map((node) => {
          const cut = (s) => (s.length > maxText ? s.slice(0, maxText) + '…' : s);
          const attributes = {};
          for (const a of node.attributes) {
            attributes[a.name] = a.value.length > maxAttribute ? a.value.slice(0, maxAttribute) + '…' : a.value;
          }
          const box = node.getBoundingClientRect();
          const style = getComputedStyle(node);
          return {
            // innerText is what is rendered (HTML); SVG elements have only textContent
            text: cut(((node.innerText ?? node.textContent) || '').trim()),
            visible:
              box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none',
            attributes,
          };
        }),
      [MAX_ELEMENTS, MAX_TEXT, MAX_ATTRIBUTE],
    );
  }
  process.stdout.write(
    JSON.stringify({
      url: page.url(),
      status: response ? response.status() : 0,
      title: await page.title(),
      pageErrors,
      consoleErrors,
      elements,
    }),
  );
} catch (error) {
  console.error(`look.mjs: ${request.url}: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  await context?.close().catch(() => {});
  await rm(profile, { recursive: true, force: true }).catch(() => {});
}
