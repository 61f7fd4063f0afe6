// Opens a page in a real Chromium and tells what a person sees there, for the browser tests
// (dev.brownout.local.testing.Browser runs it; see its Javadoc).
//
//   node look.mjs '{"url": "http://...", "screenshot": "/path/to.png", "selectors": ["h1", "svg.chart"],
//                   "chromium": "/usr/bin/chromium", "profile": "/an/empty/dir", "timeoutMs": 20000}'
//
// Prints one JSON document on stdout:
//   {"url": <final URL>, "status": <HTTP status>, "title": <document title>,
//    "pageErrors": [<uncaught exceptions>], "consoleErrors": [<console.error lines>],
//    "elements": {"<selector>": [{"text", "visible", "attributes": {...}}, ...]}}
// and exits 0; on any failure (no browser, no answer, timeout) prints why on stderr and exits 1.
// timeoutMs is one deadline for the whole look: each step gets what is left of it.
// Chromium is Debian's (playwright-core never downloads one here); the profile directory is the
// caller's (Browser.java makes it and deletes it, also when it has to kill this script).
import { chromium } from 'playwright-core';

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
for (const key of ['url', 'screenshot', 'chromium', 'profile']) {
  if (typeof request[key] !== 'string' || request[key] === '') {
    console.error(`look.mjs: the request has no "${key}": ${process.argv[2]}`);
    process.exit(2);
  }
}
const selectors = request.selectors ?? [];
const timeout = request.timeoutMs ?? 20000;
const deadline = Date.now() + timeout;

// What is left of the deadline, for a step that takes a timeout.
function left(step) {
  const ms = deadline - Date.now();
  if (ms <= 0) throw new Error(`${step}: no result within ${timeout} ms`);
  return ms;
}

// A step that takes no timeout, bounded by what is left of the deadline.
async function within(step, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: no result within ${timeout} ms`)), left(step));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

// Closing gets its own bound: the deadline may be spent.
const CLOSE_MS = 10000;

let context;
try {
  // headless: true is Chromium's --headless; a persistent context is how Playwright takes a
  // --user-data-dir of our own.
  context = await chromium.launchPersistentContext(request.profile, {
    executablePath: request.chromium,
    headless: true,
    args: FLAGS,
    timeout: left('launching Chromium'),
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] ?? (await within('opening a page', context.newPage()));
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error.message ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto(request.url, { waitUntil: 'load', timeout: left('loading the page') });
  await page.screenshot({ path: request.screenshot, fullPage: true, timeout: left('the screenshot') });
  const elements = {};
  for (const selector of selectors) {
    elements[selector] = await within(
      `reading ${selector}`,
      page.$$eval(
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
      ),
    );
  }
  process.stdout.write(
    JSON.stringify({
      url: page.url(),
      status: response ? response.status() : 0,
      title: await within('reading the title', page.title()),
      pageErrors,
      consoleErrors,
      elements,
    }),
  );
} catch (error) {
  console.error(`look.mjs: ${request.url}: ${error.message ?? error}`);
  process.exitCode = 1;
} finally {
  if (context) {
    let timer;
    await Promise.race([
      context.close().catch(() => {}),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}
