//! The Vietnamese locale: text normalisation, slugs and folding, number and date formats.

pub mod format;
pub mod phone;
pub mod slug;
pub mod text;
pub mod words;

pub use slug::{fold_diacritics, slugify};
