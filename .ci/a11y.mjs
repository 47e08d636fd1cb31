// Accessibility, small-screen and self-containment gate for the built site.
//
//   WORK=.ci/.work node .ci/a11y.mjs [OUTPUT_DIR]
//
// Serves OUTPUT_DIR over http on 127.0.0.1 (random free port), opens every .html
// page of it in Debian's Chromium through playwright-core, and for each page:
//   * runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules;
//   * at a 320 px wide viewport, checks the document does not scroll sideways
//     (documentElement.scrollWidth <= 321; wide tables inside a scroll
//     container such as .cuon-bang are fine, only the document width counts);
//   * at 360 x 800 (a cheap phone), checks the ward's phone is a tap-to-call
//     link (a.nut-goi, tel:) wholly inside the first screen (pages with a
//     site phone only: the 404 page included);
//   * records every request: any to a host other than 127.0.0.1 fails the
//     gate (and is aborted), as does a same-site request answered 404/5xx.
// Exits 1 listing every problem; prints "axe: N pages, 0 violations" etc.
//
// playwright-core and axe-core are resolved from "$WORK/node_modules" (the
// throwaway install made by .ci/run), or from NODE_PATH.
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const PAGE_TIMEOUT_MS = 30_000;
const RUN_TIMEOUT_MS = Number(process.env.A11Y_RUN_TIMEOUT_MS || 15 * 60_000);
const CONCURRENCY = Number(process.env.A11Y_CONCURRENCY || 2);
const NARROW = 320;
const PHONE = { width: 360, height: 800 };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const outDir = path.resolve(process.argv[2] || 'output');
// A site with a phone (the footer of its home page links to it) must offer it as a call button.
const hasPhone = await fs
  .readFile(path.join(outDir, 'index.html'), 'utf8')
  .then((home) => home.includes('href="tel:'))
  .catch(() => false);
const work = path.resolve(process.env.WORK || '.ci/.work');
const require = createRequire(path.join(work, 'package.json'));

let chromium, axePath, versions;
try {
  ({ chromium } = require('playwright-core'));
  axePath = require.resolve('axe-core/axe.min.js');
  versions = {
    playwright: require('playwright-core/package.json').version,
    axe: require('axe-core/package.json').version,
  };
} catch (e) {
  console.error(`a11y: cannot load playwright-core / axe-core from ${work}/node_modules: ${e.message}`);
  process.exit(2);
}

// Whole-run watchdog: never hang CI.
const watchdog = setTimeout(() => {
  console.error(`a11y: FAILED: whole run exceeded ${RUN_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, RUN_TIMEOUT_MS);
watchdog.unref();

// ---------------------------------------------------------------- static server
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.webmanifest': 'application/manifest+json',
};
const typeOf = (file) =>
  path.basename(file) === 'atom.xml'
    ? 'application/atom+xml; charset=utf-8'
    : TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';

async function statOrNull(p) {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

const served = []; // {url, status}
const server = createServer(async (req, res) => {
  const send = async (status, file) => {
    const st = await statOrNull(file);
    if (!st || !st.isFile()) {
      res.writeHead(status === 200 ? 404 : status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    res.writeHead(status, {
      'content-type': typeOf(file),
      'content-length': st.size,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
  let status = 200;
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      rel = null;
    }
    const file = rel === null ? null : path.join(outDir, path.normalize(rel));
    if (file === null || (file !== outDir && !file.startsWith(outDir + path.sep))) {
      status = 400;
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('bad path\n');
      return;
    }
    const st = await statOrNull(file);
    if (st && st.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        status = 301;
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        res.end();
        return;
      }
      const index = path.join(file, 'index.html');
      if (await statOrNull(index)) return await send(200, index);
    } else if (st && st.isFile()) {
      return await send(200, file);
    }
    status = 404;
    await send(404, path.join(outDir, '404.html'));
  } catch (e) {
    status = 500;
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(String(e));
  } finally {
    served.push({ url: req.url, status });
  }
});

// ---------------------------------------------------------------- pages
async function htmlFiles(dir) {
  const out = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(p);
  }
  return out;
}

function urlPathFor(file) {
  const rel = path.relative(outDir, file).split(path.sep).join('/');
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}

const clip = (s, n = 220) => {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
};

// Runs in the page at 320 px: elements sticking out to the right, outside any
// element that scrolls or clips them (so tables in .cuon-bang are ignored).
function overflowCulprits(limit) {
  const vw = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible') return true;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right <= vw + 1) continue;
    if (clipped(el)) continue;
    // Keep the innermost offenders: skip el if one of its children also overflows.
    const childOver = [...el.children].some((c) => c.getBoundingClientRect().right > vw + 1);
    if (childOver) continue;
    const chain = [];
    for (let p = el; p && p !== document.body && chain.length < 4; p = p.parentElement) chain.unshift(describe(p));
    found.push({ el, element: chain.join(' > '), right: Math.round(r.right), width: Math.round(r.width), html: el.outerHTML.slice(0, 200) });
    if (found.length >= 200) break;
  }
  // The cause is usually the content that cannot shrink (a long e-mail, URL or
  // word; a fixed width): measure each offender's min-content width, widest first.
  for (const f of found) {
    const prev = f.el.style.getPropertyValue('width');
    const prevPrio = f.el.style.getPropertyPriority('width');
    f.el.style.setProperty('width', 'min-content', 'important');
    f.minContent = Math.round(f.el.getBoundingClientRect().width);
    f.el.style.setProperty('width', prev, prevPrio);
    if (!prev) f.el.style.removeProperty('width');
    delete f.el;
  }
  found.sort((a, b) => b.minContent - a.minContent);
  found.length = Math.min(found.length, limit);
  return found;
}

async function checkPage(browser, file) {
  const urlPath = urlPathFor(file);
  const rel = path.relative(outDir, file);
  const result = { page: rel, url: urlPath, violations: [], overflow: null, call: null, external: [], broken: [], error: null };
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(PAGE_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
  // Only the local server may be reached; anything else is recorded and aborted.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    let host = null;
    try {
      host = new URL(u).hostname;
    } catch {}
    if (u.startsWith('data:') || u.startsWith('blob:') || host === '127.0.0.1') return route.continue();
    result.external.push(u);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('response', (resp) => {
    const u = resp.url();
    const status = resp.status();
    const isDoc = resp.request().isNavigationRequest() && resp.request().frame() === page.mainFrame();
    // The 404 page itself is fetched as /404.html (200); any other >=400 is a broken link to an asset.
    if (status >= 400 && !isDoc) result.broken.push(`${status} ${new URL(u).pathname}`);
  });
  page.on('pageerror', (err) => result.broken.push(`JS error: ${clip(err.message, 160)}`));
  try {
    const resp = await page.goto(`${base}${urlPath}`, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    if (!resp || resp.status() >= 400) {
      throw new Error(`HTTP ${resp ? resp.status() : 'no response'} for ${urlPath}`);
    }
    await page.addScriptTag({ path: axePath });
    const axe = await page.evaluate(
      async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
            html: n.html,
            summary: n.failureSummary,
          })),
        }));
      },
      AXE_TAGS,
    );
    result.violations = axe;

    await page.setViewportSize({ width: NARROW, height: 640 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (width.scroll > NARROW + 1) {
      result.overflow = { scrollWidth: width.scroll, culprits: await page.evaluate(overflowCulprits, 5) };
    }

    // The ward's phone as a call button in the first screen of a 360 x 800 phone.
    await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const call = await page.evaluate(() => {
      const a = document.querySelector('a.nut-goi');
      if (!a) return 'no call button (a.nut-goi)';
      if (!a.getAttribute('href').startsWith('tel:')) return `call button links to ${a.getAttribute('href')}`;
      const r = a.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.height >= 44 ? null : `call button at ${Math.round(r.top)}-${Math.round(r.bottom)} px, ${Math.round(r.height)} px tall`;
    });
    if (call && hasPhone) result.call = call;
  } catch (e) {
    result.error = clip(e.message, 400);
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}

// ---------------------------------------------------------------- main
let base;
let browser;
async function main() {
  const st = await statOrNull(outDir);
  if (!st || !st.isDirectory()) {
    console.error(`a11y: output folder ${outDir} not found (build the site first)`);
    return 2;
  }
  const files = (await htmlFiles(outDir)).sort();
  if (files.length === 0) {
    console.error(`a11y: no .html pages under ${outDir}`);
    return 1;
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  base = `http://127.0.0.1:${server.address().port}`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  console.log(
    `a11y: ${files.length} pages from ${path.relative(process.cwd(), outDir) || '.'} on ${base}; ` +
      `playwright-core ${versions.playwright}, axe-core ${versions.axe}, Chromium ${browser.version()}; ` +
      `concurrency ${CONCURRENCY}`,
  );

  // Sanity-check the server: an unknown path must give the 404 page with status 404.
  {
    const r = await fetch(`${base}/khong-ton-tai-${Date.now()}/`);
    const body = await r.text();
    if (r.status !== 404 || !r.headers.get('content-type').startsWith('text/html')) {
      console.error(`a11y: static server self-check failed: unknown path gave ${r.status} ${r.headers.get('content-type')}`);
      return 1;
    }
    void body;
  }

  const results = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const t0 = Date.now();
      // A per-page hard stop on top of Playwright's own timeouts.
      let timer;
      results[i] = await Promise.race([
        checkPage(browser, files[i]),
        new Promise((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                page: path.relative(outDir, files[i]),
                url: urlPathFor(files[i]),
                violations: [],
                overflow: null,
                external: [],
                broken: [],
                error: `timed out after ${(PAGE_TIMEOUT_MS * 2) / 1000} s`,
              }),
            PAGE_TIMEOUT_MS * 2,
          );
        }),
      ]);
      clearTimeout(timer);
      const r = results[i];
      const flags = [
        r.violations.length ? `${r.violations.length} violation(s)` : null,
        r.overflow ? `overflow ${r.overflow.scrollWidth}px` : null,
        r.call ? r.call : null,
        r.external.length ? `${r.external.length} external request(s)` : null,
        r.broken.length ? `${r.broken.length} broken request(s)` : null,
        r.error ? 'ERROR' : null,
      ].filter(Boolean);
      console.log(`  ${flags.length ? 'FAIL' : 'ok  '} ${r.url} (${Date.now() - t0} ms)${flags.length ? ' — ' + flags.join(', ') : ''}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));

  // ------------------------------------------------------------ report
  let violationCount = 0;
  let nodeCount = 0;
  const byRule = new Map();
  const overflowPages = [];
  const callPages = [];
  const externalReqs = [];
  const brokenReqs = [];
  const errors = [];
  for (const r of results) {
    for (const v of r.violations) {
      violationCount++;
      nodeCount += v.nodes.length;
      const e = byRule.get(v.id) || { impact: v.impact, help: v.help, pages: 0, nodes: 0 };
      e.pages++;
      e.nodes += v.nodes.length;
      byRule.set(v.id, e);
    }
    if (r.overflow) overflowPages.push(r);
    if (r.call) callPages.push(`${r.url}: ${r.call}`);
    for (const u of r.external) externalReqs.push(`${r.url} -> ${u}`);
    for (const b of r.broken) brokenReqs.push(`${r.url} -> ${b}`);
    if (r.error) errors.push(`${r.url}: ${r.error}`);
  }

  if (violationCount) {
    console.log(`\n== axe violations (${violationCount} rule failures, ${nodeCount} elements) ==`);
    for (const r of results) {
      for (const v of r.violations) {
        console.log(`\n${r.url}  [${v.id}] (${v.impact}) ${v.help}`);
        console.log(`    ${v.helpUrl}`);
        for (const n of v.nodes.slice(0, 10)) {
          console.log(`    - target: ${n.target}`);
          console.log(`      html:   ${clip(n.html)}`);
          if (n.summary) console.log(`      why:    ${clip(n.summary, 300)}`);
        }
        if (v.nodes.length > 10) console.log(`    … and ${v.nodes.length - 10} more element(s)`);
      }
    }
    console.log('\n-- by rule --');
    for (const [id, e] of [...byRule].sort((a, b) => b[1].nodes - a[1].nodes)) {
      console.log(`  ${id} (${e.impact}): ${e.nodes} element(s) on ${e.pages} page(s) — ${e.help}`);
    }
  }
  if (overflowPages.length) {
    console.log(`\n== horizontal overflow at ${NARROW} px (${overflowPages.length} pages) ==`);
    for (const r of overflowPages) {
      console.log(`${r.url}: document scrollWidth ${r.overflow.scrollWidth}px > ${NARROW}px`);
      for (const c of r.overflow.culprits) {
        console.log(`    - ${c.element} (right edge ${c.right}px, width ${c.width}px, min-content ${c.minContent}px): ${clip(c.html, 160)}`);
      }
    }
  }
  if (callPages.length) {
    console.log(`\n== no call button in the first screen at ${PHONE.width} x ${PHONE.height} (${callPages.length} pages) ==`);
    for (const s of callPages) console.log(`  ${s}`);
  }
  if (externalReqs.length) {
    console.log(`\n== requests to other hosts (${externalReqs.length}) ==`);
    for (const s of externalReqs) console.log(`  ${s}`);
  }
  if (brokenReqs.length) {
    console.log(`\n== broken same-site requests / page errors (${brokenReqs.length}) ==`);
    for (const s of brokenReqs) console.log(`  ${s}`);
  }
  if (errors.length) {
    console.log(`\n== pages that could not be checked (${errors.length}) ==`);
    for (const s of errors) console.log(`  ${s}`);
  }

  const localRequests = served.length;
  console.log('');
  console.log(`axe: ${files.length} pages, ${violationCount} violations${nodeCount ? ` (${nodeCount} elements)` : ''}`);
  console.log(`overflow@${NARROW}px: ${overflowPages.length} of ${files.length} pages too wide`);
  console.log(`call@${PHONE.width}x${PHONE.height}: ${files.length - callPages.length} of ${files.length} pages with the phone in the first screen`);
  console.log(`requests: ${localRequests} to 127.0.0.1, ${externalReqs.length} to other hosts, ${brokenReqs.length} broken`);
  if (errors.length) console.log(`errors: ${errors.length} pages could not be checked`);
  const failed = violationCount + overflowPages.length + callPages.length + externalReqs.length + brokenReqs.length + errors.length;
  console.log(failed ? 'a11y: FAILED' : 'a11y: passed');
  return failed ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`a11y: FAILED: ${e.stack || e}`);
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  server.close();
  server.closeAllConnections?.();
}
process.exit(code);
