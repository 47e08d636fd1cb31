// TEMPORARY: replaced by the citation helper's module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Law,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub kind: DocKind,
    pub key: String,
}
pub struct KnownName {
    pub key: String,
    pub name: String,
}
#[derive(Debug)]
pub struct CitationFinder {
    re: regex::Regex,
}
impl CitationFinder {
    pub fn new(_known: &[KnownName]) -> CitationFinder {
        CitationFinder { re: regex::Regex::new(r"(Nghị định|Nghị quyết|Kế hoạch|Thông tư|Quyết định)\s+(?:số\s+)?([0-9]+[/\-][0-9A-Za-zĐđ/\-]+[0-9A-ZĐa-z])").unwrap() }
    }
    pub fn find(&self, text: &str) -> Vec<Citation> {
        self.re
            .captures_iter(text)
            .map(|c| {
                let m = c.get(0).unwrap();
                Citation {
                    start: m.start(),
                    end: m.end(),
                    kind: DocKind::Law,
                    key: citation_key(&c[2]),
                }
            })
            .collect()
    }
}
pub fn citation_key(symbol: &str) -> String {
    symbol.split_whitespace().collect::<String>().to_uppercase()
}
pub fn line_col(text: &str, byte_offset: usize) -> (usize, usize) {
    let before = &text[..byte_offset.min(text.len())];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    )
}
