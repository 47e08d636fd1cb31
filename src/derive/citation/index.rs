//! Matching citations to the legal registry (data/legal.toml): by number/symbol (any case,
//! spacing or hyphen), by id, by a name the registry gives, or by a short `number/year` form that
//! one registered symbol extends.

use std::collections::BTreeMap;

use super::{Citation, CitationFinder, KnownName, citation_key};
use crate::model::Site;

/// The citation finder and the registry lookup it feeds.
#[derive(Debug)]
pub struct CitationIndex {
    finder: CitationFinder,
    by_key: BTreeMap<String, usize>,
}

impl CitationIndex {
    /// Builds the finder from the legal registry.
    pub fn new(site: &Site) -> CitationIndex {
        let mut by_key = BTreeMap::new();
        let mut known = Vec::new();
        for (i, doc) in site.legal.iter().enumerate() {
            if let Some(symbol) = &doc.symbol {
                by_key.insert(citation_key(symbol), i);
            }
            by_key.insert(doc.id.clone(), i);
            for name in &doc.names {
                known.push(KnownName {
                    key: doc.id.clone(),
                    name: name.clone(),
                });
            }
        }
        CitationIndex {
            finder: CitationFinder::new(&known),
            by_key,
        }
    }

    /// Citations in `text` with the registry entry each resolves to.
    pub fn find(&self, text: &str) -> Vec<(Citation, Option<usize>)> {
        self.finder
            .find(text)
            .into_iter()
            .map(|c| {
                let entry = self.resolve_key(&c.key);
                (c, entry)
            })
            .collect()
    }

    /// The registry entry for a citation key: the exact symbol, else, for a short form such as
    /// `145/2013` (number and year without the issuer's suffix), the one registered symbol that
    /// extends it (`145/2013/NĐ-CP`). Two registered symbols extending it leave it unresolved.
    fn resolve_key(&self, key: &str) -> Option<usize> {
        if let Some(&i) = self.by_key.get(key) {
            return Some(i);
        }
        let prefix = format!("{key}/");
        let mut extending = self
            .by_key
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(_, &i)| i);
        let first = extending.next()?;
        extending.all(|i| i == first).then_some(first)
    }

    /// The registry entry for an id or a number/symbol.
    pub fn lookup(&self, id_or_symbol: &str) -> Option<usize> {
        self.by_key
            .get(id_or_symbol)
            .copied()
            .or_else(|| self.resolve_key(&citation_key(id_or_symbol)))
    }
}
