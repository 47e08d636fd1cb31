//! loa: a static generator for the public information site and printable bulletins of a
//! Vietnamese ward or commune People's Committee.
//!
//! The pipeline is visible in the modules: [`load`] (files -> typed records with positions) ->
//! [`validate`] (cross-references) -> [`model`] (one immutable `Site`) -> [`derive`] (citations,
//! duties, calendar) -> [`render`] (HTML, feeds, calendar file) -> [`write`] (atomic swap).

pub mod build;
pub mod cli;
pub mod derive;
pub mod desk;
pub mod diagnostics;
pub mod import;
pub mod load;
pub mod locale;
pub mod media;
pub mod messages;
pub mod model;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod validate;
pub mod write;
