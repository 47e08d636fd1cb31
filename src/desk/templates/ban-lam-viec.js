// Bàn làm việc: thêm/bớt dòng, kéo thả tệp, xem trước nội dung khi gõ, tiến độ xuất bản.
// Mọi trang vẫn dùng được khi không có JavaScript (biểu mẫu gửi bình thường).
(() => {
  const token = document.querySelector('meta[name="loa-token"]')?.content || '';

  // Thêm / bớt dòng của danh sách (khẩu hiệu, nơi nhận, chỉ tiêu...).
  function renumber(row, from, to) {
    row.querySelectorAll('[name],[id],[for]').forEach((el) => {
      for (const attr of ['name', 'id', 'for']) {
        const v = el.getAttribute(attr);
        if (v) el.setAttribute(attr, v.replace(new RegExp('([.-])' + from + '(?=([.-]|$))'), '$1' + to));
      }
    });
    if (row.id) row.id = row.id.replace(new RegExp('-' + from + '$'), '-' + to);
    const legend = row.querySelector(':scope > legend');
    if (legend && /\d+$/.test(legend.textContent)) legend.textContent = legend.textContent.replace(/\d+$/, String(to + 1));
  }
  function rowIndex(row) {
    const el = row.querySelector('[name]');
    const parts = el ? el.getAttribute('name').split('.') : [];
    for (let i = parts.length - 1; i >= 0; i--) if (/^\d+$/.test(parts[i])) return Number(parts[i]);
    return 0;
  }
  function addButtons(container) {
    const rows = Array.from(container.querySelectorAll(':scope > [data-row]'));
    if (!rows.length) return;
    const blank = rows[rows.length - 1];
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'nut phu';
    add.textContent = 'Thêm dòng';
    add.addEventListener('click', () => {
      const last = Array.from(container.querySelectorAll(':scope > [data-row]')).pop();
      const copy = blank.cloneNode(true);
      const from = rowIndex(blank);
      renumber(copy, from, rowIndex(last) + 1);
      copy.querySelectorAll('input,textarea').forEach((i) => { if (i.type === 'checkbox') i.checked = false; else i.value = ''; });
      copy.querySelectorAll('.loi-truong').forEach((e) => e.remove());
      last.after(copy);
      removeButton(copy);
      copy.querySelector('input,textarea')?.focus();
    });
    container.append(add);
    rows.forEach(removeButton);
  }
  function removeButton(row) {
    if (row.querySelector(':scope > .bo-dong')) return;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'nut phu bo-dong';
    b.textContent = 'Bỏ dòng';
    b.addEventListener('click', () => {
      row.querySelectorAll('input,textarea').forEach((i) => { if (i.type === 'checkbox') i.checked = false; else i.value = ''; });
      row.hidden = true;
    });
    row.append(b);
  }
  document.querySelectorAll('[data-list]').forEach(addButtons);
  document.querySelectorAll('fieldset.nhom:not(.dong)').forEach((set) => {
    if (set.querySelector(':scope > fieldset[data-row]')) addButtons(set);
  });

  // Xem trước nội dung khi gõ.
  const body = document.querySelector('textarea[data-preview]');
  if (body) {
    const target = document.getElementById(body.dataset.preview);
    let timer = null;
    const refresh = async () => {
      const data = new URLSearchParams({ _body: body.value, _token: token });
      try {
        const r = await fetch(location.pathname.replace(/\/ban-lam-viec\/.*/, '/ban-lam-viec/xem-truoc'), {
          method: 'POST', body: data, headers: { 'X-Loa-Token': token },
        });
        if (r.ok) target.innerHTML = await r.text();
      } catch (e) { /* bản xem trước không cập nhật được: giữ bản cũ */ }
    };
    body.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(refresh, 300); });
    refresh();
  }

  // Kéo thả tệp vào vùng nhận.
  function dropZone(zone, onFile) {
    zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dang-tha'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('dang-tha'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dang-tha');
      const input = zone.querySelector('input[type=file]');
      if (input && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        onFile(input);
      }
    });
  }
  document.querySelectorAll('form[data-drop]').forEach((form) => dropZone(form, () => form.requestSubmit()));
  document.querySelectorAll('[data-drop-photo]').forEach((set) => {
    const ask = () => {
      const alt = set.querySelector('#anh-mo-ta');
      alt.required = true;
      alt.setAttribute('aria-required', 'true');
      alt.focus();
    };
    dropZone(set, ask);
    set.querySelector('input[type=file]')?.addEventListener('change', ask);
  });

  // Tiến độ xuất bản.
  const progress = document.querySelector('[data-publish-progress]');
  if (progress) {
    const bar = progress.querySelector('progress');
    const log = progress.querySelector('.tien-do');
    const tick = async () => {
      try {
        const r = await fetch(progress.dataset.publishProgress, { cache: 'no-store' });
        const s = await r.json();
        bar.max = Math.max(1, s.total);
        bar.value = s.done;
        log.textContent = s.lines.join('\n');
        if (s.running) setTimeout(tick, 500); else if (s.ok !== null) location.reload();
      } catch (e) { setTimeout(tick, 1000); }
    };
    if (progress.dataset.running === 'true') tick();
  }
})();
