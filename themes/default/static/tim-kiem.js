// Tìm kiếm trên trang /tim-kiem/ (with static/ngay.js, the only scripts of the site; both optional).
// Without JavaScript the form reloads the page, which lists the A–Z index of titles.
// With it, results from the Pagefind index (/pagefind/) appear as the user types.
// The index spells đ/Đ as ḍ/Ḍ so that "duong" finds "đường" (see src/render/search.rs):
// the query is spelled the same way, and snippets are turned back.
const form = document.querySelector('form.o-tim-kiem');
const input = document.getElementById('tu-khoa');
const out = document.getElementById('ket-qua');
const words = out.dataset;
const LIMIT = 10;
// A query typed with tone marks re-ranks this many results: pages that hold its words exactly
// (Pagefind folds them all) come first, in Pagefind's order.
const EXACT_POOL = 40;

const toIndex = (q) => q.normalize('NFC').replace(/đ/g, '\u1E0D').replace(/Đ/g, '\u1E0C');
const fromIndex = (s) => s.replace(/\u1E0D/g, 'đ').replace(/\u1E0C/g, 'Đ');
// Lower case without tone marks, đ as d (the index spells đ as ḍ, which folds the same way).
const fold = (s) => fromIndex(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLocaleLowerCase('vi');
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

let pagefind = null;
async function engine() {
  if (!pagefind) {
    pagefind = await import('/pagefind/pagefind.js');
    // Pages with the query's exact tone marks first: a strong boost, not Pagefind's mild default.
    await pagefind.options({ excerptLength: 24, ranking: { diacriticSimilarity: 20 } });
    pagefind.init();
  }
  return pagefind;
}

function say(text) {
  const p = document.createElement('p');
  p.textContent = text;
  out.replaceChildren(p);
}

// Pagefind marks the part of a word that matched (`<mark>đư</mark>ờng`): mark the whole word.
// Punctuation Pagefind takes into a mark (`tuổi,`) is left outside it.
const wholeWords = (html) =>
  html
    .replace(/([\p{L}\p{N}]*)<mark>([^<]*)<\/mark>([\p{L}\p{N}]*)/gu, '<mark>$1$2$3</mark>')
    .replace(/<mark>([^<]*?)([^\p{L}\p{N}<]+)<\/mark>/gu, '<mark>$1</mark>$2');

function entry(item) {
  const li = document.createElement('li');
  const title = document.createElement('a');
  title.href = item.url;
  title.textContent = fromIndex(item.meta.title || item.url);
  const section = document.createElement('span');
  section.className = 'phu';
  section.textContent = ` (${words['muc' + (item.meta.section || '').replace(/^./, (c) => c.toUpperCase())] || ''})`;
  const excerpt = document.createElement('p');
  // Pagefind's excerpt is escaped text with <mark> around the matched words.
  excerpt.innerHTML = wholeWords(fromIndex(item.excerpt));
  li.append(title, section, excerpt);
  return li;
}

// Shows the first LIMIT results, then a button that adds LIMIT more until every one is shown.
// `next(from, to)` gives the data of results from..to in their order.
async function show(query, total, next, mine) {
  const heading = document.createElement('h2');
  heading.textContent = fill(words.soKetQua, { n: total.toLocaleString('vi-VN'), q: query });
  const list = document.createElement('ol');
  list.className = 'ket-qua-tim';
  const more = document.createElement('button');
  more.type = 'button';
  more.className = 'xem-them';
  let shown = 0;
  const page = async () => {
    const items = await next(shown, Math.min(shown + LIMIT, total));
    if (mine !== latest) return;
    for (const item of items) list.append(entry(item));
    const first = list.children[shown];
    shown += items.length;
    const left = total - shown;
    more.textContent = fill(words.xemThem, { n: Math.min(left, LIMIT).toLocaleString('vi-VN') });
    more.hidden = left <= 0;
    return first;
  };
  more.addEventListener('click', async () => {
    const first = await page();
    // The reader goes on from the first new result.
    if (first) first.querySelector('a').focus();
  });
  await page();
  if (mine !== latest) return;
  out.replaceChildren(heading, list, more);
}

// The words of a query that carry marks (or đ), spelled as indexed; empty when typed without.
function exactWords(query) {
  return (toIndex(query).toLocaleLowerCase('vi').match(/[\p{L}\p{N}]+/gu) || []).filter((w) => /[^\x00-\x7f]/.test(w));
}

let latest = 0;
async function run(raw) {
  const query = raw.trim();
  const mine = ++latest;
  if (!query) {
    out.replaceChildren();
    return;
  }
  let found;
  try {
    const pf = await engine();
    found = await pf.debouncedSearch(toIndex(query), {}, 120);
  } catch (e) {
    say(words.loi);
    return;
  }
  if (found === null || mine !== latest) return;
  if (found.results.length === 0) {
    say(fill(words.khongCo, { q: query }));
    return;
  }
  // A query that names a benefit or a guide (every word in its title, or in whom it is for) lists
  // those pages first: "tro cap" leads to "Trợ cấp xã hội hằng tháng" before news that mention it.
  // The index marks guides and benefits with a filter; the rest keeps Pagefind's order.
  let results = found.results;
  try {
    const guides = await pagefind.search(toIndex(query), { filters: { uu_tien: '1' } });
    if (mine !== latest) return;
    const words = fold(query).match(/[\p{L}\p{N}]+/gu) || [];
    const pool = guides.results.slice(0, EXACT_POOL);
    const datas = await Promise.all(pool.map((r) => r.data()));
    const named = new Set();
    pool.forEach((r, i) => {
      const own = fold(`${datas[i].meta.title || ''} ${datas[i].meta.situation || ''}`).match(/[\p{L}\p{N}]+/gu) || [];
      if (words.length && words.every((w) => own.some((o) => o.startsWith(w)))) named.add(r.id);
    });
    if (mine !== latest) return;
    results = results.filter((r) => named.has(r.id)).concat(results.filter((r) => !named.has(r.id)));
  } catch (e) {
    // Without the filter the results keep Pagefind's order.
  }
  const exact = exactWords(query);
  let next = (from, to) => Promise.all(results.slice(from, to).map((r) => r.data()));
  if (exact.length) {
    const pool = await Promise.all(results.slice(0, EXACT_POOL).map((r) => r.data()));
    if (mine !== latest) return;
    const hits = (item) => {
      const words = new Set(item.content.toLocaleLowerCase('vi').match(/[\p{L}\p{N}]+/gu) || []);
      return exact.filter((w) => words.has(w)).length;
    };
    const ranked = pool.map((item, i) => ({ item, i, n: hits(item) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.item);
    next = async (from, to) => {
      const head = ranked.slice(from, Math.min(to, ranked.length));
      const tail = to > ranked.length
        ? await Promise.all(results.slice(Math.max(from, ranked.length), to).map((r) => r.data()))
        : [];
      return head.concat(tail);
    };
  }
  await show(query, results.length, next, mine);
}

function remember(query) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set('q', query.trim());
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}

input.addEventListener('input', () => {
  remember(input.value);
  run(input.value);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  remember(input.value);
  run(input.value);
});

const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
