// Search gate for the built site, in headless Chromium.
//
//   WORK=.ci/.work node .ci/search.mjs [OUTPUT_DIR]
//   WORK=.ci/.work node .ci/search.mjs OUTPUT_DIR --show "query" ...   (print results, no checks)
//
// Serves OUTPUT_DIR on 127.0.0.1 and opens /tim-kiem/ in Debian's Chromium via playwright-core:
//   * types queries without tone marks (and with `d` for `đ`) as a resident on a phone would,
//     and checks the first result and that the snippet highlights the accented word;
//   * checks that a query with the right tone marks ranks the exact page first, and that a query
//     naming a benefit lists its "Tôi cần…" page first;
//   * with JavaScript off, submits the form and follows the A–Z index to a page;
//   * checks the index plus scripts the search page loads stay under 300 KB.
// Exits 1 listing every failed check; prints "search: N checks, 0 failed".
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const BUDGET = 300 * 1024;
const args = process.argv.slice(2);
const outDir = path.resolve(args[0] && !args[0].startsWith('--') ? args[0] : 'output');
const showIndex = args.indexOf('--show');
const work = path.resolve(process.env.WORK || '.ci/.work');
const require = createRequire(path.join(work, 'package.json'));
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`search: cannot load playwright-core from ${work}/node_modules: ${e.message}`);
  process.exit(2);
}
setTimeout(() => {
  console.error('search: FAILED: run exceeded 180 s');
  process.exit(1);
}, 180_000).unref();

// What a resident types, and the page that must come first (and the word the snippet must mark).
const CASES = [
  { query: 'duong huyet', first: '/tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/', mark: 'đường' },
  // A query that names a benefit (its title and whom it is for hold every word) lists the
  // benefit first, before the indicator whose title also holds every word, and the news.
  { query: 'tro cap nguoi khuyet tat', first: '/toi-can/tro-cap-xa-hoi-hang-thang/', mark: 'khuyết' },
  { query: 'tro cap nguoi khuyet tat', first: '/so-lieu/nguoi-khuyet-tat-tro-cap/', mark: 'khuyết', among: true },
  { query: 'mai tang phi', first: '/toi-can/ho-tro-mai-tang-phi/', mark: 'táng' },
  { query: 'the bao hiem y te', first: '/toi-can/the-bao-hiem-y-te/', mark: 'hiểm' },
  { query: 'cong tac xa hoi', first: '/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam/', mark: 'công' },
  { query: 'gio to hung vuong', first: '/ngay-ky-niem/gio-to-hung-vuong/', mark: 'giỗ' },
  { query: 'don vi', first: '/don-vi/', mark: 'đơn', anyResult: true },
  // Indicators are searchable too: their page must be among the results shown.
  { query: 'huu tri xa hoi', first: '/so-lieu/tro-cap-huu-tri-xa-hoi/', mark: 'hưu', among: true },
];
const bare = (m) => m.toLowerCase().replace(/[^\p{L}]/gu, '');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = path.join(outDir, path.normalize(decodeURIComponent(url.pathname)));
  if (!file.startsWith(outDir)) {
    res.writeHead(400).end();
    return;
  }
  try {
    if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
    await fs.access(file);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const failures = [];
let checks = 0;
const check = (ok, message) => {
  checks += 1;
  if (!ok) failures.push(message);
};

// Types `query` into the search box key by key and returns the results shown.
async function search(page, query) {
  await page.goto(`${base}/tim-kiem/`);
  await page.fill('#tu-khoa', '');
  await page.type('#tu-khoa', query, { delay: 30 });
  await page.waitForFunction(
    (q) => {
      const h = document.querySelector('#ket-qua h2, #ket-qua p');
      return h && h.textContent.includes(q);
    },
    query,
    { timeout: 15_000 },
  );
  return page.$$eval('#ket-qua li', (items) =>
    items.map((li) => ({
      url: new URL(li.querySelector('a').href).pathname,
      title: li.querySelector('a').textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      snippet: li.querySelector('p').textContent,
    })),
  );
}

try {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`JS error on ${page.url()}: ${e.message}`));
  if (showIndex >= 0) page.on('console', (m) => console.log(`console: ${m.text()}`));

  if (showIndex >= 0) {
    for (const query of args.slice(showIndex + 1)) {
      const results = await search(page, query);
      console.log(`\n"${query}": ${results.length} shown`);
      for (const r of results) console.log(`  ${r.url}  ${r.title}\n      [${r.marks.join(', ')}] ${r.snippet}`);
    }
  } else {
    for (const c of CASES) {
      let results = [];
      try {
        results = await search(page, c.query);
      } catch (e) {
        check(false, `"${c.query}": no results shown (${e.message.split('\n')[0]})`);
        continue;
      }
      const first = results[0];
      if (c.among) {
        check(results.some((r) => r.url === c.first), `"${c.query}": ${c.first} is not among the ${results.length} results shown`);
        check(results.some((r) => r.marks.some((m) => bare(m) === c.mark)), `"${c.query}": no snippet marks ${c.mark}`);
      } else if (c.anyResult) {
        // Only the đ folding matters here: some result must mark the word with đ.
        check(results.some((r) => r.marks.some((m) => bare(m) === c.mark)), `"${c.query}": no snippet marks ${c.mark}`);
      } else {
        check(first && first.url === c.first, `"${c.query}": first result ${first ? first.url : 'none'}, expected ${c.first}`);
        check(first && first.marks.some((m) => bare(m) === c.mark), `"${c.query}": snippet of the first result marks [${first ? first.marks.join(', ') : ''}], expected ${c.mark}`);
      }
      check(!results.some((r) => /[ḍḌ]/.test(r.snippet + r.title)), `"${c.query}": a snippet shows the index spelling ḍ instead of đ`);
      console.log(`search: "${c.query}" -> ${first ? `${first.url} [${first.marks.join(', ')}]` : 'nothing'}`);
    }

    // The right tone marks rank the exact word above words that only match folded
    // (đường, dưỡng and dương all fold to duong).
    for (const word of ['đường', 'dương', 'dưỡng']) {
      const results = await search(page, word);
      const first = results[0];
      check(first && first.marks.some((m) => bare(m) === word), `"${word}": first result ${first?.url} marks [${first?.marks}], expected the exact word`);
      console.log(`search: "${word}" -> ${first ? `${first.url} [${first.marks.join(', ')}]` : 'nothing'}`);
    }
    // Every result reachable: "Xem thêm" adds ten more until all are shown; each mark is a whole
    // word (Pagefind marks the matched prefix only).
    {
      const query = 'nguoi cao tuoi';
      await search(page, query);
      const total = Number((await page.textContent('#ket-qua h2')).match(/[\d.]+/)[0].replace(/\./g, ''));
      for (let i = 0; i < 20 && (await page.isVisible('#ket-qua .xem-them')); i++) {
        const before = (await page.$$('#ket-qua li')).length;
        await page.click('#ket-qua .xem-them');
        await page.waitForFunction((n) => document.querySelectorAll('#ket-qua li').length > n, before, { timeout: 15_000 });
      }
      const shown = (await page.$$('#ket-qua li')).length;
      check(total > 10 && shown === total, `"${query}": ${shown} of ${total} results reachable`);
      const cut = await page.$$eval('#ket-qua mark', (marks) =>
        marks.filter((m) => /[\p{L}\p{N}]$/u.test(m.previousSibling?.textContent || '') || /^[\p{L}\p{N}]/u.test(m.nextSibling?.textContent || '')).map((m) => m.parentNode.textContent.slice(0, 60)));
      check(cut.length === 0, `"${query}": marks cut inside a word: ${JSON.stringify(cut.slice(0, 3))}`);
      // Pagefind takes the punctuation after a word into its mark (`tuổi,`): it stays outside.
      const punctuated = await page.$$eval('#ket-qua mark', (marks) => marks.map((m) => m.textContent).filter((t) => /[^\p{L}\p{N}\s]$/u.test(t)));
      check(punctuated.length === 0, `"${query}": marks with punctuation in them: ${JSON.stringify(punctuated.slice(0, 3))}`);
      console.log(`search: "${query}" -> ${shown} of ${total} results shown through "Xem thêm"`);
    }
    const folded = await search(page, 'duong');
    check(folded.length >= 3, `"duong": ${folded.length} results, expected every page with đường, dưỡng or dương`);

    // Typing into the box from a shared link: /tim-kiem/?q=... shows results at once.
    await page.goto(`${base}/tim-kiem/?q=${encodeURIComponent('nguoi cao tuoi')}`);
    await page.waitForSelector('#ket-qua li', { timeout: 15_000 });
    check((await page.$$('#ket-qua li')).length > 0, '?q= in the address shows no results');

    // Without JavaScript: the form submits to the page, which offers the A–Z index.
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
    const plain = await noJs.newPage();
    await plain.goto(`${base}/tim-kiem/`);
    await plain.fill('#tu-khoa', 'tro cap');
    await Promise.all([plain.waitForNavigation(), plain.press('#tu-khoa', 'Enter')]);
    check(plain.url().includes('/tim-kiem/?q=tro+cap'), `without JavaScript the form went to ${plain.url()}`);
    const letters = await plain.$$eval('.muc-luc-chu a', (as) => as.map((a) => a.getAttribute('href')));
    check(letters.length > 3, `without JavaScript the search page lists ${letters.length} letters`);
    const letterT = letters.find((h) => h.endsWith('/chu-t/'));
    if (letterT) {
      const resp = await plain.goto(`${base}${letterT}`);
      check(resp.status() === 200, `${letterT}: HTTP ${resp.status()}`);
      const titles = await plain.$$eval('.danh-sach-ten a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
      check(titles.length > 0 && titles.every(([, t]) => /^[TtTh]/.test(t.normalize('NFD'))), `${letterT}: titles ${JSON.stringify(titles.slice(0, 3))}`);
      const target = titles[0] && (await plain.goto(`${base}${titles[0][0]}`));
      check(target && target.status() === 200, `${letterT}: first title link does not resolve`);
    } else {
      check(false, 'no letter T in the A–Z index');
    }
    await noJs.close();
  }

  // Relative words on the home page ("Ngày mai", "Còn N ngày", "Đang diễn ra", "Đã qua") are
  // added by static/ngay.js from the reader's clock, never frozen at build time: open the page
  // on the build date, then a week later, and check each against the dates the page states.
  {
    const home = await fs.readFile(path.join(outDir, 'index.html'), 'utf8');
    const spans = [...home.matchAll(/data-tu="(\d{4}-\d\d-\d\d)" data-den="(\d{4}-\d\d-\d\d)"/g)].map((m) => [m[1], m[2]]);
    check(!/Ngày mai|Đang diễn ra|Còn \d+ ngày/.test(home), 'the home page HTML carries relative words frozen at build time');
    const built = home.match(/kể từ [^<]*?ngày (\d\d?) tháng (\d\d?) năm (\d{4})/);
    check(spans.length > 0 && built, `home page: ${spans.length} dated days, build date ${built && built[0]}`);
    if (spans.length > 0 && built) {
      const day = 86_400_000;
      const utc = (iso) => Date.parse(`${iso}T00:00:00Z`);
      const start = Date.UTC(+built[3], +built[2] - 1, +built[1]);
      for (const offset of [0, 7]) {
        const today = start + offset * day;
        const expected = spans.map(([tu, den]) => {
          const a = (utc(tu) - today) / day;
          const b = (utc(den) - today) / day;
          if (b < 0) return 'Đã qua';
          if (a <= 0 && b > 0) return 'Đang diễn ra';
          if (a === 0) return 'Hôm nay';
          if (a === 1) return 'Ngày mai';
          return `Còn ${a} ngày`;
        });
        const ctx = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
        const page = await ctx.newPage();
        const d = new Date(today);
        await page.clock.setFixedTime(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9, 0, 0));
        await page.goto(`${base}/`);
        const shown = await page.$$eval('.con-lai', (els) => els.map((e) => e.textContent));
        check(JSON.stringify(shown) === JSON.stringify(expected), `home page ${offset} days after the build: ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
        await ctx.close();
      }
    }
  }

  // Budget: everything the search page loads for searching.
  const bundle = path.join(outDir, 'pagefind');
  let total = (await fs.stat(path.join(outDir, 'static', 'tim-kiem.js'))).size;
  const walk = async (dir) => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else total += (await fs.stat(p)).size;
    }
  };
  await walk(bundle);
  console.log(`search: index + scripts ${(total / 1024).toFixed(1)} KB (budget ${BUDGET / 1024} KB)`);
  check(total < BUDGET, `index + scripts are ${(total / 1024).toFixed(1)} KB, over ${BUDGET / 1024} KB`);
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  for (const f of failures) console.error(`search: FAILED: ${f}`);
  console.error(`search: ${checks} checks, ${failures.length} failed`);
  process.exit(1);
}
console.log(`search: ${checks} checks, 0 failed`);
