//! The structure of an administrative document: preamble (căn cứ), Roman-numeral parts, numbered
//! items, paragraphs, `-`/`+` bullet lists and tables. Inline text is kept as Markdown source
//! (bold and italic carry meaning) with a plain-text copy for search, citations and print.

/// A link or image target written in a Markdown body, where it stands in its file (kept at
/// load, so later checks need not read the body again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// The target as written (`/lien-he/`, `anh/trao-qua.jpg`, `https://...`).
    pub target: String,
    /// An image (`![...](...)`) rather than a link.
    pub image: bool,
    /// An image's alt text (`![this](...)`), whitespace collapsed; empty for a link.
    pub alt: String,
    /// The title in quotes after the target (`![..](anh.jpg "Chú thích")`): an image's caption.
    pub title: String,
    /// Where it is written.
    pub location: crate::diagnostics::Location,
}

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Inline {
    /// Markdown source of the run (`**bold**`, `*italic*`, links).
    pub markdown: String,
    /// The same text without marks, whitespace collapsed.
    pub plain: String,
}

/// One block of body text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Block {
    /// 1-based line in the source file.
    pub line: usize,
    /// What the block is.
    pub kind: BlockKind,
}

/// The kinds of block a document body holds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: Inline,
    },
    /// A minor heading inside an item (`####`).
    Heading {
        /// Its text.
        text: Inline,
    },
    /// A bullet (`-`, `+`) or numbered list.
    List(List),
    /// A table (targets are often given as one).
    Table(Table),
}

/// A list of items.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct List {
    /// First number of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    /// The bullet character as written (`-`, `+`, `*`), or `.` for numbered lists.
    pub marker: char,
    /// The items.
    pub items: Vec<ListItem>,
}

/// One list item: its first paragraph and whatever is nested under it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ListItem {
    /// 1-based line in the source file.
    pub line: usize,
    /// The item's own text.
    pub text: Inline,
    /// Further paragraphs and nested lists.
    pub children: Vec<Block>,
}

/// How a table column is aligned, as its Markdown delimiter row says (`:---`, `:---:`, `---:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnAlign {
    /// `---`: not stated (reads as left).
    #[default]
    Unstated,
    /// `:---`.
    Left,
    /// `:---:`.
    Center,
    /// `---:` (numbers).
    Right,
}

/// A table: a header row and body rows of inline cells.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    /// Header cells.
    pub header: Vec<Inline>,
    /// Body rows, as written (a row may have fewer cells than the header).
    pub rows: Vec<Vec<Inline>>,
    /// Alignment of each column, as written.
    pub align: Vec<ColumnAlign>,
}

impl Table {
    /// The number of columns: the widest of the header, the alignments and the rows.
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len(), self.align.len()])
            .max()
            .unwrap_or(0)
    }

    /// The alignment of column `column` (unstated past the delimiter row).
    pub fn align_of(&self, column: usize) -> ColumnAlign {
        self.align.get(column).copied().unwrap_or_default()
    }
}

/// What a Roman-numeral part is about, recognised from its title (or set for a công văn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// `MỤC ĐÍCH, YÊU CẦU`.
    Purpose,
    /// `CHỈ TIÊU`, `MỤC TIÊU`.
    Targets,
    /// `NỘI DUNG`, `NHIỆM VỤ`, `GIẢI PHÁP`.
    Tasks,
    /// `KINH PHÍ`.
    Funding,
    /// `TỔ CHỨC THỰC HIỆN`: units and their duties.
    Implementation,
    /// Anything else.
    Other,
}

/// A numbered item (`1. Mục đích`, `3. Trạm Y tế phường`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Item {
    /// The number as written (`1`, `2`), if any.
    pub number: Option<String>,
    /// The title after the number.
    pub title: Inline,
    /// 1-based line of the heading.
    pub line: usize,
    /// HTML anchor, unique in the document.
    pub anchor: String,
    /// The item's body.
    pub blocks: Vec<Block>,
}

/// A Roman-numeral part (`I. MỤC ĐÍCH, YÊU CẦU`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Part {
    /// The numeral as written (`I`, `IV`), if any.
    pub numeral: Option<String>,
    /// The title after the numeral; empty for the implicit part of a letter without parts.
    pub title: String,
    /// What the part is about.
    pub kind: PartKind,
    /// 1-based line of the heading.
    pub line: usize,
    /// HTML anchor, unique in the document.
    pub anchor: String,
    /// Text before the first numbered item.
    pub intro: Vec<Block>,
    /// Numbered items.
    pub items: Vec<Item>,
}

/// A document body.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Document {
    /// Basis paragraphs before the first part (`Thực hiện ...`, `Căn cứ ...`).
    pub preamble: Vec<Block>,
    /// The parts in order.
    pub parts: Vec<Part>,
}

impl Block {
    /// Calls `visit` on every inline run of this block, nested ones included, in reading order.
    pub fn for_each_inline<'a>(&'a self, visit: &mut dyn FnMut(&'a Inline, usize)) {
        match &self.kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text } => visit(text, self.line),
            BlockKind::List(list) => {
                for item in &list.items {
                    visit(&item.text, item.line);
                    for child in &item.children {
                        child.for_each_inline(visit);
                    }
                }
            }
            BlockKind::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    visit(cell, self.line);
                }
            }
        }
    }
}

impl Document {
    /// Calls `visit` on every inline run of the document (titles included) with its line.
    pub fn for_each_inline<'a>(&'a self, visit: &mut dyn FnMut(&'a Inline, usize)) {
        for block in &self.preamble {
            block.for_each_inline(visit);
        }
        for part in &self.parts {
            for block in &part.intro {
                block.for_each_inline(visit);
            }
            for item in &part.items {
                visit(&item.title, item.line);
                for block in &item.blocks {
                    block.for_each_inline(visit);
                }
            }
        }
    }

    /// The plain text of the whole body, one block a line (for word counts and search).
    pub fn plain_text(&self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for block in &self.preamble {
            block.for_each_inline(&mut |text, _| lines.push(&text.plain));
        }
        for part in &self.parts {
            if !part.title.is_empty() {
                lines.push(&part.title);
            }
            for block in &part.intro {
                block.for_each_inline(&mut |text, _| lines.push(&text.plain));
            }
            for item in &part.items {
                lines.push(&item.title.plain);
                for block in &item.blocks {
                    block.for_each_inline(&mut |text, _| lines.push(&text.plain));
                }
            }
        }
        lines.join("\n")
    }
}
