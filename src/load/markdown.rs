//! Markdown body -> document structure ([`Document`]): parts, items, paragraphs, lists, tables,
//! each with its source line. Inline runs keep their Markdown source and a plain copy.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::links;
use crate::locale::text::collapse_whitespace;
use crate::model::{Block, BlockKind, ColumnAlign, Inline, LinkRef, List, ListItem, Table};

/// The deepest nesting of lists and block quotes loa reads. Real plans use 3-4 levels (`-`, `+`,
/// a quoted passage); a deeper body is refused at load, so every walk over a document (reading it
/// here, HTML, print data, Typst templates) stays far from the end of its stack.
pub const MAX_NESTING: usize = 12;

/// A top-level piece of a body: a heading (with its level) or a block.
#[derive(Debug, Clone)]
pub enum Piece {
    /// `#`..`######` heading.
    Heading {
        /// 1..=6.
        level: u8,
        /// Its text.
        text: Inline,
        /// Byte offset in the body.
        offset: usize,
    },
    /// Any other block.
    Block(Block),
}

/// Parser options shared by every Markdown reader and renderer of the project.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A column's alignment as its delimiter row states it.
pub fn column_align(alignment: Alignment) -> ColumnAlign {
    match alignment {
        Alignment::None => ColumnAlign::Unstated,
        Alignment::Left => ColumnAlign::Left,
        Alignment::Center => ColumnAlign::Center,
        Alignment::Right => ColumnAlign::Right,
    }
}

/// Reads a body into top-level pieces after [`check_events`]: `None` when it nests deeper than
/// [`MAX_NESTING`]. `location_of` maps a byte offset of `body` to its place in the file.
pub fn read(
    body: &str,
    location_of: &dyn Fn(usize) -> Location,
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<Piece>, Vec<LinkRef>)> {
    let events = events(body);
    let links = check_events(&events, location_of, diagnostics)?;
    Some((
        pieces_of(body, events, &|offset| location_of(offset).line),
        links,
    ))
}

/// Checks a body kept as Markdown (news, pages, campaigns, reports; the front matter's own
/// Markdown): what [`read`] refuses, without building pieces. Returns its links and images with
/// their places, or `None` when it may not be rendered.
pub fn check(
    body: &str,
    location_of: &dyn Fn(usize) -> Location,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<LinkRef>> {
    check_events(&events(body), location_of, diagnostics)
}

fn events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .collect()
}

/// What loa refuses in Markdown, each located: lists and quotes nested deeper than
/// [`MAX_NESTING`] (one error, at the first line that goes too deep; `None` is returned) and link
/// or image targets whose scheme [`links::refused_scheme`] refuses (an error each). Iterative, so
/// any depth is safe to check. Returns every link and image target with its place.
fn check_events(
    events: &[(Event<'_>, Range<usize>)],
    location_of: &dyn Fn(usize) -> Location,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<LinkRef>> {
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut found: Vec<LinkRef> = Vec::new();
    // The image whose alt text is being read (links and images do not nest in an image).
    let mut in_image = false;
    for (event, range) in events {
        match event {
            Event::Text(text) | Event::Code(text) if in_image => {
                if let Some(image) = found.last_mut() {
                    image.alt.push_str(text);
                }
            }
            Event::End(TagEnd::Image) => {
                in_image = false;
                if let Some(image) = found.last_mut() {
                    image.alt = collapse_whitespace(&image.alt);
                }
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    diagnostics.push(
                        Diagnostic::error("markdown_too_deep", Some(location_of(range.start)))
                            .arg("max", MAX_NESTING.to_string()),
                    );
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(
                tag @ (Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                }),
            ) => {
                let location = location_of(range.start);
                if let Some(scheme) = links::refused_scheme(dest_url) {
                    diagnostics.push(links::refused(dest_url, &scheme, location.clone()));
                }
                in_image = matches!(tag, Tag::Image { .. });
                found.push(LinkRef {
                    target: dest_url.to_string(),
                    image: in_image,
                    alt: String::new(),
                    title: title.to_string(),
                    location,
                });
            }
            _ => {}
        }
    }
    (!too_deep).then_some(found)
}

/// Parses `body` into top-level pieces. `line_of` maps a byte offset of `body` to a file line.
/// For a body already checked at load ([`read`], [`check`]); lists nested deeper than
/// [`MAX_NESTING`] are read as plain paragraphs rather than recursed into.
pub fn pieces(body: &str, line_of: &dyn Fn(usize) -> usize) -> Vec<Piece> {
    pieces_of(body, events(body), line_of)
}

/// `text` as Markdown that reads back as exactly that text: every ASCII punctuation mark escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn pieces_of<'a>(
    body: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    line_of: &dyn Fn(usize) -> usize,
) -> Vec<Piece> {
    let mut reader = Reader {
        body,
        events,
        index: 0,
        line_of,
        depth: 0,
    };
    let mut pieces = Vec::new();
    while reader.index < reader.events.len() {
        let (event, range) = reader.events[reader.index].clone();
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                reader.index += 1;
                let text = reader.inline_until(|e| matches!(e, Event::End(TagEnd::Heading(_))));
                pieces.push(Piece::Heading {
                    level: level as u8,
                    text,
                    offset: range.start,
                });
            }
            _ => {
                if let Some(block) = reader.block() {
                    pieces.push(Piece::Block(block));
                }
            }
        }
    }
    pieces
}

/// An inline run from a fragment of Markdown (a closing paragraph, a table cell typed in TOML).
pub fn inline_from_markdown(markdown: &str) -> Inline {
    let mut plain = String::new();
    for event in Parser::new_ext(markdown, options()) {
        push_plain(&mut plain, &event);
    }
    Inline {
        markdown: collapse_whitespace(markdown),
        plain: collapse_whitespace(&plain),
    }
}

fn push_plain(plain: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) | Event::Code(t) => plain.push_str(t),
        Event::SoftBreak | Event::HardBreak => plain.push(' '),
        Event::End(TagEnd::Paragraph) => plain.push(' '),
        _ => {}
    }
}

struct Reader<'a, 'l> {
    body: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    index: usize,
    line_of: &'l dyn Fn(usize) -> usize,
    /// Lists open around the current event.
    depth: usize,
}

impl Reader<'_, '_> {
    /// Reads inline events until `stop` matches (consumed), building one run.
    fn inline_until(&mut self, stop: impl Fn(&Event<'_>) -> bool) -> Inline {
        let mut plain = String::new();
        let mut span: Option<Range<usize>> = None;
        while self.index < self.events.len() {
            let (event, range) = &self.events[self.index];
            self.index += 1;
            if stop(event) {
                break;
            }
            push_plain(&mut plain, event);
            span = Some(match span {
                Some(s) => s.start.min(range.start)..s.end.max(range.end),
                None => range.clone(),
            });
        }
        let markdown = span.map_or(String::new(), |s| collapse_whitespace(&self.body[s]));
        Inline {
            markdown,
            plain: collapse_whitespace(&plain),
        }
    }

    /// Reads one block starting at the current event; skips events that make no block.
    fn block(&mut self) -> Option<Block> {
        let (event, range) = self.events[self.index].clone();
        let line = (self.line_of)(range.start);
        self.index += 1;
        match event {
            Event::Start(Tag::Paragraph) => {
                let text = self.inline_until(|e| matches!(e, Event::End(TagEnd::Paragraph)));
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph { text },
                })
            }
            Event::Start(Tag::Heading { .. }) => {
                let text = self.inline_until(|e| matches!(e, Event::End(TagEnd::Heading(_))));
                Some(Block {
                    line,
                    kind: BlockKind::Heading { text },
                })
            }
            Event::Start(Tag::List(_)) if self.depth >= MAX_NESTING => {
                // Only for a body that skipped the load check: flattened, never recursed into.
                let mut depth = 1;
                let mut plain = String::new();
                while self.index < self.events.len() && depth > 0 {
                    let event = &self.events[self.index].0;
                    match event {
                        Event::Start(Tag::List(_)) => depth += 1,
                        Event::End(TagEnd::List(_)) => depth -= 1,
                        _ => {}
                    }
                    push_plain(&mut plain, event);
                    self.index += 1;
                }
                let plain = collapse_whitespace(&plain);
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph {
                        text: Inline {
                            markdown: plain.clone(),
                            plain,
                        },
                    },
                })
            }
            Event::Start(Tag::List(start)) => {
                self.depth += 1;
                let list = self.list(start, range.start);
                self.depth -= 1;
                Some(Block {
                    line,
                    kind: BlockKind::List(list),
                })
            }
            Event::Start(Tag::Table(alignments)) => Some(Block {
                line,
                kind: BlockKind::Table(self.table(&alignments)),
            }),
            Event::Start(Tag::BlockQuote(_)) => {
                // Quoted text is kept as one paragraph: nothing is dropped.
                let mut depth = 1;
                while self.index < self.events.len() && depth > 0 {
                    match &self.events[self.index].0 {
                        Event::Start(Tag::BlockQuote(_)) => depth += 1,
                        Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
                        _ => {}
                    }
                    self.index += 1;
                }
                let unquoted: String = self.body[range]
                    .lines()
                    .map(|l| l.trim_start().trim_start_matches('>'))
                    .collect::<Vec<_>>()
                    .join("\n");
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph {
                        text: inline_from_markdown(&unquoted),
                    },
                })
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                let text = self.inline_until(|e| {
                    matches!(
                        e,
                        Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock)
                    )
                });
                // Kept as text: what a code or HTML block holds is never read as Markdown again
                // (a `[x](javascript:...)` in an unclosed code fence must not become a link).
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph {
                        text: Inline {
                            markdown: escape_markdown(&text.plain),
                            plain: text.plain,
                        },
                    },
                })
            }
            Event::Text(_) | Event::Html(_) | Event::Code(_) => {
                let inline = Inline {
                    markdown: collapse_whitespace(&self.body[range.clone()]),
                    plain: collapse_whitespace(&self.body[range]),
                };
                Some(Block {
                    line,
                    kind: BlockKind::Paragraph { text: inline },
                })
            }
            _ => None,
        }
    }

    fn list(&mut self, start: Option<u64>, offset: usize) -> List {
        let marker = if start.is_some() {
            '.'
        } else {
            self.body[offset..]
                .chars()
                .find(|c| !c.is_whitespace())
                .unwrap_or('-')
        };
        let mut items = Vec::new();
        while self.index < self.events.len() {
            let (event, range) = self.events[self.index].clone();
            match event {
                Event::End(TagEnd::List(_)) => {
                    self.index += 1;
                    break;
                }
                Event::Start(Tag::Item) => {
                    self.index += 1;
                    items.push(self.list_item((self.line_of)(range.start)));
                }
                _ => self.index += 1,
            }
        }
        List {
            start,
            marker,
            items,
        }
    }

    fn list_item(&mut self, line: usize) -> ListItem {
        let mut text: Option<Inline> = None;
        let mut children = Vec::new();
        while self.index < self.events.len() {
            let (event, _) = &self.events[self.index];
            match event {
                Event::End(TagEnd::Item) => {
                    self.index += 1;
                    break;
                }
                Event::Text(_)
                | Event::Code(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::InlineHtml(_)
                | Event::Start(Tag::Emphasis)
                | Event::Start(Tag::Strong)
                | Event::Start(Tag::Strikethrough)
                | Event::Start(Tag::Link { .. })
                    if text.is_none() =>
                {
                    // A tight item: inline events until the first block or the item's end.
                    let run = self.tight_inline();
                    text = Some(run);
                }
                _ => {
                    if let Some(block) = self.block() {
                        match (&text, block.kind) {
                            (None, BlockKind::Paragraph { text: first }) => text = Some(first),
                            (_, kind) => children.push(Block {
                                line: block.line,
                                kind,
                            }),
                        }
                    }
                }
            }
        }
        ListItem {
            line,
            text: text.unwrap_or_default(),
            children,
        }
    }

    /// Inline events of a tight list item, up to (not including) a nested block or the item end.
    fn tight_inline(&mut self) -> Inline {
        let mut plain = String::new();
        let mut span: Option<Range<usize>> = None;
        let mut depth = 0usize;
        while self.index < self.events.len() {
            let (event, range) = &self.events[self.index];
            let is_inline_start = matches!(
                event,
                Event::Start(Tag::Emphasis)
                    | Event::Start(Tag::Strong)
                    | Event::Start(Tag::Strikethrough)
                    | Event::Start(Tag::Link { .. })
                    | Event::Start(Tag::Image { .. })
            );
            let is_inline_end = matches!(
                event,
                Event::End(TagEnd::Emphasis)
                    | Event::End(TagEnd::Strong)
                    | Event::End(TagEnd::Strikethrough)
                    | Event::End(TagEnd::Link)
                    | Event::End(TagEnd::Image)
            );
            let is_leaf = matches!(
                event,
                Event::Text(_)
                    | Event::Code(_)
                    | Event::SoftBreak
                    | Event::HardBreak
                    | Event::InlineHtml(_)
            );
            if !(is_inline_start || is_inline_end || is_leaf) && depth == 0 {
                break;
            }
            if is_inline_start {
                depth += 1;
            }
            if is_inline_end {
                depth = depth.saturating_sub(1);
            }
            push_plain(&mut plain, event);
            span = Some(match span {
                Some(s) => s.start.min(range.start)..s.end.max(range.end),
                None => range.clone(),
            });
            self.index += 1;
        }
        Inline {
            markdown: span.map_or(String::new(), |s| collapse_whitespace(&self.body[s])),
            plain: collapse_whitespace(&plain),
        }
    }

    fn table(&mut self, alignments: &[Alignment]) -> Table {
        let mut header = Vec::new();
        let mut rows: Vec<Vec<Inline>> = Vec::new();
        let mut in_head = false;
        while self.index < self.events.len() {
            let (event, _) = self.events[self.index].clone();
            self.index += 1;
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.inline_until(|e| matches!(e, Event::End(TagEnd::TableCell)));
                    if in_head {
                        header.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                }
                _ => {}
            }
        }
        let align = alignments.iter().map(|&a| column_align(a)).collect();
        Table {
            header,
            rows,
            align,
        }
    }
}

#[cfg(test)]
mod tests;
