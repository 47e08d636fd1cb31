//! The kinds of content the desk edits: where each is stored and which loader reads it.

use crate::load;

/// Where the items of a kind live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// One Markdown file per item with `+++` TOML front matter, in a folder.
    Files {
        /// The folder, from the site folder.
        dir: &'static str,
    },
    /// Entries `[[table]]` of one TOML file.
    Entries {
        /// The file, from the site folder.
        file: &'static str,
        /// The array of tables (`don_vi`).
        table: &'static str,
    },
    /// One TOML file that is the item (site.toml).
    Single {
        /// The file, from the site folder.
        file: &'static str,
    },
}

/// A kind of content.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// Its address in the desk and its key in `locales/desk.toml` (`tin-tuc`).
    pub id: &'static str,
    /// Where its items are.
    pub storage: Storage,
    /// The loader's definition of its fields.
    pub schema: fn() -> schemars::Schema,
    /// The `loa new` scaffold a new item starts from (its comments are the fields' help).
    pub scaffold: Option<&'static str>,
    /// The field that names an item in lists.
    pub title: &'static str,
}

/// Every kind, in the order the desk lists them.
pub const KINDS: &[Kind] = &[
    Kind {
        id: "tin-tuc",
        storage: Storage::Files {
            dir: "content/news",
        },
        schema: load::article::schema,
        scaffold: Some(include_str!("../../locales/scaffold/news.md")),
        title: "tieu_de",
    },
    Kind {
        id: "ke-hoach",
        storage: Storage::Files {
            dir: "content/plans",
        },
        schema: load::plan::schema,
        scaffold: Some(include_str!("../../locales/scaffold/plan.md")),
        title: "trich_yeu",
    },
    Kind {
        id: "trang",
        storage: Storage::Files {
            dir: "content/pages",
        },
        schema: load::article::schema,
        scaffold: Some(include_str!("../../locales/scaffold/page.md")),
        title: "tieu_de",
    },
    Kind {
        id: "toi-can",
        storage: Storage::Files {
            dir: load::BENEFITS_DIR,
        },
        schema: load::benefit::schema,
        scaffold: Some(include_str!("../../locales/scaffold/toi-can.md")),
        title: "tieu_de",
    },
    Kind {
        id: "chien-dich",
        storage: Storage::Files {
            dir: "content/campaigns",
        },
        schema: load::stats::campaign_schema,
        scaffold: None,
        title: "ten",
    },
    Kind {
        id: "bao-cao",
        storage: Storage::Files {
            dir: "content/reports",
        },
        schema: load::stats::report_schema,
        scaffold: None,
        title: "tieu_de",
    },
    Kind {
        id: "hoi-dap",
        storage: Storage::Files {
            dir: "content/hoi-dap",
        },
        schema: load::question::schema,
        scaffold: None,
        title: "cau_hoi",
    },
    Kind {
        id: "to-roi",
        storage: Storage::Files {
            dir: "content/leaflets",
        },
        schema: load::leaflet::schema,
        scaffold: None,
        title: "tieu_de",
    },
    Kind {
        id: "ngay-ky-niem",
        storage: Storage::Entries {
            file: "data/days.toml",
            table: "ngay",
        },
        schema: load::registry::day_schema,
        scaffold: None,
        title: "ten",
    },
    Kind {
        id: "don-vi",
        storage: Storage::Entries {
            file: "data/units.toml",
            table: "don_vi",
        },
        schema: load::registry::unit_schema,
        scaffold: None,
        title: "ten",
    },
    Kind {
        id: "van-ban",
        storage: Storage::Entries {
            file: "data/legal.toml",
            table: "van_ban",
        },
        schema: load::registry::legal_schema,
        scaffold: None,
        title: "trich_yeu",
    },
    Kind {
        id: "thu-tuc",
        storage: Storage::Entries {
            file: "data/thu-tuc.toml",
            table: "thu_tuc",
        },
        schema: load::procedures::schema,
        scaffold: None,
        title: "ten",
    },
    Kind {
        id: "chi-so",
        storage: Storage::Entries {
            file: load::stats::INDICATORS_FILE,
            table: "chi_so",
        },
        schema: load::stats::indicator_schema,
        scaffold: None,
        title: "ten",
    },
    Kind {
        id: "cai-dat",
        storage: Storage::Single { file: "site.toml" },
        schema: load::config::schema,
        scaffold: None,
        title: "ten",
    },
];

/// The kind with address `id`.
pub fn find(id: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.id == id)
}

impl Kind {
    /// Whether its items have a Markdown body.
    pub fn has_body(&self) -> bool {
        matches!(self.storage, Storage::Files { .. })
    }
}
