//! The Pagefind bundle: records handed to Pagefind in-process (with `đ` spelled so that it folds
//! to `d`), the files the search page loads, and their packing for the product cache.

use std::collections::BTreeMap;

use super::Record;

/// The Pagefind filter (name, value) of guides and benefits (static/tim-kiem.js asks for it).
pub const GUIDE_FILTER: (&str, &str) = ("uu_tien", "1");

/// `đ`/`Đ` spelled `ḍ`/`Ḍ`, nothing else changed.
pub fn spell_d(text: &str) -> String {
    text.replace('đ', "\u{1E0D}").replace('Đ', "\u{1E0C}")
}

/// The text handed to the indexer: HTML-escaped (Pagefind builds snippets from it as HTML) and
/// with `đ`/`Đ` spelled `ḍ`/`Ḍ` so that Pagefind's mark folding also folds them to `d`.
pub fn index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            'đ' => out.push('\u{1E0D}'),
            'Đ' => out.push('\u{1E0C}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// Builds the Pagefind bundle for `records`: `(path under the bundle folder, bytes)`, only the
/// files the search page loads (no Pagefind UI). Runs Pagefind in-process.
pub fn pagefind_bundle(records: &[Record]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("vi".to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for record in records {
            let mut meta = BTreeMap::from([
                // Spelled like the text so that title matches (weighted) fold `đ` too.
                ("title".to_owned(), spell_d(&record.title)),
                ("section".to_owned(), record.section.key().to_owned()),
            ]);
            // Whom a benefit is for: the search page ranks a benefit first when the query names it.
            if !record.situation.is_empty() {
                meta.insert("situation".to_owned(), spell_d(&record.situation));
            }
            let content = index_text(&format!("{}\n{}", record.title, record.text));
            // Guides and benefits carry a filter the search page asks first, to list them on top.
            let filters = record.section.is_guide().then(|| {
                BTreeMap::from([(GUIDE_FILTER.0.to_owned(), vec![GUIDE_FILTER.1.to_owned()])])
            });
            index
                .add_custom_record(
                    record.url.clone(),
                    content,
                    "vi".to_owned(),
                    Some(meta),
                    filters,
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let wanted = name == "pagefind.js"
                    || name == "pagefind-worker.js"
                    || name == "pagefind-entry.json"
                    || name.ends_with(".pf_meta")
                    || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
                    || name.starts_with("index/")
                    || name.starts_with("fragment/")
                    || name.starts_with("filter/");
                wanted.then_some((name, f.contents))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}

/// The key of the search bundle made from `records` (see [`crate::render::digest`]).
pub fn records_digest(records: &[Record]) -> String {
    // Everything a record gives the indexer: its text, its meta and its filter.
    let mut parts: Vec<&[u8]> = vec![
        b"pagefind 1.6",
        GUIDE_FILTER.0.as_bytes(),
        GUIDE_FILTER.1.as_bytes(),
    ];
    for r in records {
        parts.extend([
            r.url.as_bytes(),
            r.title.as_bytes(),
            r.section.key().as_bytes(),
            if r.section.is_guide() { b"guide" } else { b"" },
            r.text.as_bytes(),
            r.situation.as_bytes(),
        ]);
    }
    crate::render::digest(&parts)
}

/// The bundle's files in one blob for the product cache: for each file, the name's length (u32,
/// little-endian), the name, the contents' length (u64) and the contents.
pub(super) fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size = files.iter().map(|(n, b)| 12 + n.len() + b.len()).sum();
    let mut out = Vec::with_capacity(size);
    for (name, bytes) in files {
        out.extend((name.len() as u32).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((bytes.len() as u64).to_le_bytes());
        out.extend(bytes);
    }
    out
}

/// [`pack`] undone; `None` when the blob is damaged (the bundle is then made again).
pub(super) fn unpack(mut blob: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    fn take<'a>(blob: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (blob.len() >= n).then(|| blob.split_at(n))?;
        *blob = rest;
        Some(head)
    }
    let mut files = Vec::new();
    while !blob.is_empty() {
        let len = u32::from_le_bytes(take(&mut blob, 4)?.try_into().ok()?) as usize;
        let name = std::str::from_utf8(take(&mut blob, len)?).ok()?.to_owned();
        let len = usize::try_from(u64::from_le_bytes(take(&mut blob, 8)?.try_into().ok()?)).ok()?;
        files.push((name, take(&mut blob, len)?.to_vec()));
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::fold_diacritics;

    #[test]
    fn index_text_spells_d_with_a_foldable_mark_and_escapes_html() {
        assert_eq!(
            index_text("Đường <b> & đông"),
            "\u{1E0C}ường &lt;b&gt; &amp; \u{1E0D}ông"
        );
        // The spelling folds to a plain d, as Pagefind folds it.
        assert_eq!(fold_diacritics(&index_text("Đông Sơn")), "Dong Son");
    }

    #[test]
    fn a_packed_bundle_unpacks_to_the_same_files_and_damage_is_detected() {
        let files = vec![
            ("pagefind.js".to_owned(), b"js".to_vec()),
            ("index/a.pf_index".to_owned(), vec![0, 1, 2, 255]),
            ("empty".to_owned(), Vec::new()),
        ];
        let blob = pack(&files);
        assert_eq!(unpack(&blob), Some(files));
        assert_eq!(unpack(&blob[..blob.len() - 1]), None);
        assert_eq!(unpack(&[]), Some(Vec::new()));
    }
}
