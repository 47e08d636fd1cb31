// Tìm kiếm trên trang /tim-kiem/ (the only script of the site).
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

function show(query, total, items) {
  const heading = document.createElement('h2');
  heading.textContent = fill(words.soKetQua, { n: total.toLocaleString('vi-VN'), q: query });
  const list = document.createElement('ol');
  list.className = 'ket-qua-tim';
  for (const item of items) {
    const li = document.createElement('li');
    const title = document.createElement('a');
    title.href = item.url;
    title.textContent = fromIndex(item.meta.title || item.url);
    const section = document.createElement('span');
    section.className = 'phu';
    section.textContent = ` (${words['muc' + (item.meta.section || '').replace(/^./, (c) => c.toUpperCase())] || ''})`;
    const excerpt = document.createElement('p');
    // Pagefind's excerpt is escaped text with <mark> around the matched words.
    excerpt.innerHTML = fromIndex(item.excerpt);
    li.append(title, section, excerpt);
    list.append(li);
  }
  out.replaceChildren(heading, list);
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
  const exact = exactWords(query);
  const pool = found.results.slice(0, exact.length ? EXACT_POOL : LIMIT);
  let items = await Promise.all(pool.map((r) => r.data()));
  if (mine !== latest) return;
  if (exact.length) {
    const hits = (item) => {
      const words = new Set(item.content.toLocaleLowerCase('vi').match(/[\p{L}\p{N}]+/gu) || []);
      return exact.filter((w) => words.has(w)).length;
    };
    items = items.map((item, i) => ({ item, i, n: hits(item) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .map((x) => x.item);
  }
  show(query, found.results.length, items.slice(0, LIMIT));
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
