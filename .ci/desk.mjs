// The editing desk (`loa serve`, /ban-lam-viec/) driven in headless Chromium, as office staff
// use it:
//
//   WORK=.ci/.work node .ci/desk.mjs [LOA_BINARY]
//
//   1. a news item created through its form: the live preview of the body updates as it is
//      typed, "Lưu" writes content/news/<slug>.md (checked on disk: comments of `loa new`,
//      the values, the body), the preview site shows the page;
//   2. a Word plan (tests/fixtures/desk/ke-hoach-ngoc-lien.docx) dropped on the import page:
//      its summary is shown before anything is written, "Lưu kế hoạch" writes the plan file;
//   3. a workbook with a bad cell (tests/fixtures/desk/so-lieu-quy-4-o-sai.xlsx) uploaded: the
//      cell Q4!D3 is named with its reason, no save button, nothing written;
//   4. publish ("Xuất bản") to a folder named in site.toml: the site is found there; a news
//      item removed from its form, after a confirmation page, with a copy kept;
//   5. axe-core (WCAG 2.0/2.1/2.2 A and AA) on every kind of desk page, and no sideways
//      scroll at 320 px.
// Works on a copy of the example site in $WORK/desk-site; prints "desk: N checks, 0 failed".
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = path.resolve(process.env.WORK || '.ci/.work');
const require = createRequire(path.join(work, 'package.json'));
const { chromium } = require('playwright-core');
const axeSource = await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const loa = path.resolve(process.argv[2] || path.join(root, 'target/release/loa'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const watchdog = setTimeout(() => {
  console.error('desk: FAILED: the run took over 10 minutes');
  process.exit(1);
}, 10 * 60_000);
watchdog.unref();

let checks = 0;
const failures = [];
function check(ok, what) {
  checks += 1;
  if (!ok) {
    failures.push(what);
    console.error(`desk: FAILED: ${what}`);
  }
}

// ------------------------------------------------------------- a copy of the example site
const site = path.join(work, 'desk-site');
// A share's folder name can be long and unbroken; the publish page must still fit a phone.
const published = path.join(work, 'desk-published', 'ThuMucDungChungTrungTamDichVuSuNghiepCong');
await fs.rm(site, { recursive: true, force: true });
await fs.rm(published, { recursive: true, force: true });
await fs.mkdir(published, { recursive: true }); // a mounted share exists before the first publish
await fs.mkdir(site, { recursive: true });
for (const entry of ['content', 'data', 'themes', 'site.toml']) {
  await fs.cp(path.join(root, entry), path.join(site, entry), { recursive: true });
}

// ------------------------------------------------------------- loa serve
const server = spawn(loa, ['serve', '--root', site, '--port', '0', '--no-pdf', '--date', '2026-11-22'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\/ban-lam-viec\//);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`loa serve exited (${code}): ${serverLog}`)));
  setTimeout(() => reject(new Error(`loa serve printed no desk address: ${out}`)), 180_000);
});
const desk = `${base}/ban-lam-viec`;
console.log(`desk: ${desk}/`);

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(60_000);

async function waitForFile(file, timeoutMs = 10_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try { return await fs.readFile(file, 'utf8'); } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  return null;
}

async function waitForPage(url, text, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const r = await fetch(url).catch(() => null);
    if (r && r.ok && (await r.text()).includes(text)) return Date.now() - started;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

async function dropFile(selector, file, name, type) {
  const bytes = (await fs.readFile(file)).toString('base64');
  const transfer = await page.evaluateHandle(({ bytes, name, type }) => {
    const data = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
    const t = new DataTransfer();
    t.items.add(new File([data], name, { type }));
    return t;
  }, { bytes, name, type });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

// axe and the 320 px width on a page as it stands (a state reached by clicking is audited
// where it is, not by loading its address again). An overflow names the elements that stick out.
let audited = 0;
async function audit(p, label) {
  audited += 1;
  await p.addScriptTag({ content: axeSource });
  const result = await p.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`);
  }, AXE_TAGS);
  check(result.length === 0, `axe ${label}: ${result.join('; ')}`);
  const viewport = p.viewportSize();
  await p.setViewportSize({ width: 320, height: 800 });
  const { width, culprits } = await p.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.right > 321 && ![...e.children].some((c) => c.getBoundingClientRect().right > 321);
    });
    return {
      width: document.documentElement.scrollWidth,
      culprits: wide.slice(0, 3).map((e) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${e.className}"` : ''}> ${e.textContent.trim().slice(0, 60)}`),
    };
  });
  check(width <= 321, `${label} scrolls sideways at 320 px (${width}): ${culprits.join(' | ')}`);
  await p.setViewportSize(viewport);
}

const axePages = [];
try {
  // 1. A news item through its form.
  await page.goto(`${desk}/tin-tuc/moi`);
  axePages.push(`${desk}/tin-tuc/moi`);
  await page.fill('#f-tieu_de', 'Phường trao quà cho người cao tuổi tổ dân phố số 5');
  await page.fill('#f-ngay', '2026-11-21');
  await page.fill('#f-tom_tat', 'Sáng 21/11, phường trao 45 suất quà cho người cao tuổi.');
  await page.fill('#f-the-0', 'người cao tuổi');
  await page.fill('#noi-dung-bai', '## Quà tặng\n\nMỗi suất quà trị giá 500.000 đồng, theo Nghị định số 20/2021/NĐ-CP.');
  await page.waitForSelector('#xem-noi-dung h2', { timeout: 10_000 }).catch(() => null);
  check((await page.textContent('#xem-noi-dung h2').catch(() => '')) === 'Quà tặng',
    'the body preview beside the editor shows the heading as it is typed');
  const saveStarted = Date.now();
  await Promise.all([page.waitForURL(/\?da-luu=1$/), page.click('button.nut.chinh')]);
  check((await page.textContent('.ghi-chu')).includes('Đã lưu'), 'the form says it was saved');
  const file = path.join(site, 'content/news/phuong-trao-qua-cho-nguoi-cao-tuoi-to-dan-pho-so-5.md');
  const text = await waitForFile(file);
  check(text !== null, `the news file ${file} was written`);
  if (text) {
    check(text.includes('# Tiêu đề bài viết.\ntieu_de = "Phường trao quà cho người cao tuổi tổ dân phố số 5"'),
      'the file reads like one `loa new` made (its comment above the title)');
    check(text.includes('ngay = "2026-11-21"') && text.includes('the = ["người cao tuổi"]'), 'the file holds the values');
    check(text.endsWith('+++\n\n## Quà tặng\n\nMỗi suất quà trị giá 500.000 đồng, theo Nghị định số 20/2021/NĐ-CP.\n'),
      'the file holds the body');
  }
  const url = `${base}/tin-tuc/phuong-trao-qua-cho-nguoi-cao-tuoi-to-dan-pho-so-5/`;
  const waited = await waitForPage(url, 'Phường trao quà cho người cao tuổi tổ dân phố số 5');
  check(waited !== null, 'the preview shows the new news item');
  console.log(`desk: save to preview ${Date.now() - saveStarted} ms`);
  const [preview] = await Promise.all([context.waitForEvent('page'), page.click('text=Xem trang này')]);
  await preview.waitForLoadState();
  check((await preview.textContent('h1')).includes('tổ dân phố số 5'), '"Xem trang này" opens the item in the preview');
  await preview.close();
  axePages.push(page.url());

  // A refused save: the error at its field, the work kept as a draft.
  await page.fill('#f-ngay', '2026-02-30');
  await page.click('button.nut.chinh');
  await page.waitForLoadState();
  const fieldError = await page.textContent('.truong.co-loi').catch(() => '');
  check(fieldError.includes('2026-02-30'), 'a wrong date is shown at the date field');
  check((await page.textContent('.ghi-chu')).includes('bản nháp'), 'the refused save is kept as a draft');
  check(await waitForFile(path.join(site, 'content/news/_phuong-trao-qua-cho-nguoi-cao-tuoi-to-dan-pho-so-5.md')) !== null,
    'the draft file is beside the item');
  axePages.push(`${desk}/tin-tuc/sua/_phuong-trao-qua-cho-nguoi-cao-tuoi-to-dan-pho-so-5`);

  // 2. A Word plan dropped on the import page.
  await page.goto(`${desk}/nhap-ke-hoach`);
  axePages.push(`${desk}/nhap-ke-hoach`);
  await Promise.all([
    page.waitForURL(/nhap-ke-hoach$/),
    page.waitForSelector('#ket-qua-nhap'),
    dropFile('form[data-drop]', path.join(root, 'tests/fixtures/desk/ke-hoach-ngoc-lien.docx'), 'Kế hoạch Ngọc Liên.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  ]);
  const summary = await page.textContent('.tom-tat');
  check(summary.includes('bảo trợ xã hội'), 'the dropped Word plan is summarised (its subject)');
  await audit(page, `${desk}/nhap-ke-hoach (the summary of a dropped Word plan)`);
  const planFile = (await page.textContent('section code')).trim();
  check(!(await fs.stat(path.join(site, planFile)).catch(() => null)), 'nothing is written before "Lưu kế hoạch"');
  await Promise.all([page.waitForURL(/\?da-luu=1$/), page.click('button:has-text("Lưu kế hoạch")')]);
  check(await waitForFile(path.join(site, planFile)) !== null, `the imported plan ${planFile} is saved`);

  // 3. A workbook with a bad cell.
  await page.goto(`${desk}/so-lieu`);
  await page.setInputFiles('#tep-so-lieu', path.join(root, 'tests/fixtures/desk/so-lieu-quy-4-o-sai.xlsx'));
  await Promise.all([page.waitForSelector('table.o-loi'), page.click('text=Kiểm tra tệp')]);
  const row = await page.textContent('table.o-loi tbody tr');
  check(row.includes('Q4!D3') && row.includes('năm mươi') && row.includes('không phải là số'),
    `the bad cell is named with its value and reason (${row.replace(/\s+/g, ' ')})`);
  check((await page.locator('button:has-text("Lưu tệp số liệu")').count()) === 0, 'a refused workbook cannot be saved');
  check(!(await fs.stat(path.join(site, 'data/stats/so-lieu-quy-4-o-sai.xlsx')).catch(() => null)), 'the refused workbook is not written');
  await audit(page, `${desk}/so-lieu (a refused cell)`);

  // 4. Publish to a folder named in site.toml: a dry run first (nothing sent), then for real.
  const siteToml = path.join(site, 'site.toml');
  await fs.writeFile(siteToml, `${await fs.readFile(siteToml, 'utf8')}\n[xuat_ban]\ndich = ${JSON.stringify(published)}\n`);
  await page.goto(`${desk}/xuat-ban`);
  check((await page.textContent('main')).includes(published), 'the publish page names the destination of site.toml');
  await page.check('#chay-thu');
  await Promise.all([page.waitForURL(/xuat-ban$/), page.click('button:has-text("Xuất bản")')]);
  await page.waitForFunction(() => /Kết quả chạy thử|chưa xong/.test(document.querySelector('#tien-do-tieu-de')?.textContent || ''), null, { timeout: 300_000 });
  const dryLog = await page.textContent('.tien-do');
  check(dryLog.includes('+ index.html'), 'the dry run lists the files it would send');
  check(!(await fs.stat(path.join(published, 'index.html')).catch(() => null)), 'the dry run sends nothing');
  await audit(page, `${desk}/xuat-ban (dry run)`);
  await Promise.all([page.waitForURL(/xuat-ban$/), page.click('button:has-text("Xuất bản")')]);
  await page.waitForFunction(() => /Đã xuất bản|chưa xong/.test(document.querySelector('#tien-do-tieu-de')?.textContent || ''), null, { timeout: 300_000 });
  check((await page.textContent('#tien-do-tieu-de')).includes('Đã xuất bản'), `the publish finished (${(await page.textContent('.tien-do')).slice(-300)})`);
  await audit(page, `${desk}/xuat-ban (published)`);
  const publishedNews = await fs.readFile(path.join(published, 'tin-tuc/phuong-trao-qua-cho-nguoi-cao-tuoi-to-dan-pho-so-5/index.html'), 'utf8').catch(() => '');
  check(publishedNews.includes('tổ dân phố số 5'), 'the site is in the publish folder, with the news item made in the form');
  check(!!(await fs.stat(path.join(published, 'in')).catch(() => null)), 'the published site carries its PDFs (output/in/)');

  // 4b. Remove a news item from its form: a confirmation page, then the file is gone and a copy
  // kept in the bin.
  const gone = '2026-03-18-tap-huan-can-bo-cong-tac-xa-hoi';
  await page.goto(`${desk}/tin-tuc/sua/${gone}`);
  await Promise.all([page.waitForURL(/\/xoa\//), page.click('.xoa-muc a')]);
  await audit(page, `${desk}/tin-tuc/xoa/${gone} (the confirmation)`);
  check(await fs.stat(path.join(site, `content/news/${gone}.md`)).then(() => true, () => false), 'nothing is removed before the confirmation');
  await Promise.all([page.waitForURL(/da-xoa=/), page.click('button.nguy-hiem')]);
  check((await page.textContent('.ghi-chu')).includes('Đã xoá'), 'the list says the item was removed');
  check(!(await fs.stat(path.join(site, `content/news/${gone}.md`)).catch(() => null)), 'the removed news file is gone');
  check(!!(await fs.stat(path.join(site, `.loa/ban-lam-viec/da-xoa/1/content/news/${gone}.md`)).catch(() => null)), 'a copy of the removed file is kept');

  // 5. axe on every kind of desk page, and no sideways scroll at 320 px.
  const more = ['', '/tin-tuc/', '/ke-hoach/sua/ke-hoach-an-sinh-xa-hoi-2026', '/ngay-ky-niem/sua/0',
    '/chien-dich/sua/mung-tho-tet-binh-ngo-2026', '/cai-dat/sua', '/toi-can/moi', '/xuat-ban'];
  for (const p of more) axePages.push(desk + p);
  for (const url of axePages) {
    const p = await context.newPage();
    await p.goto(url);
    await audit(p, url);
    await p.close();
  }
  console.log(`desk: axe on ${audited} desk pages`);
} catch (e) {
  failures.push(`desk: ${e.stack || e}`);
  console.error(e);
} finally {
  await browser.close();
  server.kill();
}
console.log(`desk: ${checks} checks, ${failures.length} failed`);
if (failures.length) {
  console.error(serverLog.split('\n').slice(-30).join('\n'));
  process.exit(1);
}
process.exit(0);
