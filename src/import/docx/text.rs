//! Plain text of a piece of WordprocessingML without structure, walked with an explicit stack
//! (no recursion, whatever the nesting): for telling layout tables, footnotes, headers and
//! footers, and content flattened because it nests too deep.

use super::package::{is_w, w_attr};
use super::symbols::{is_private, symbol};

/// The text of `node`: paragraphs and table cells separated by spaces, deletions left out,
/// field codes left out, symbols mapped.
pub fn flat_text(node: roxmltree::Node<'_, '_>) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if !n.is_element() {
            continue;
        }
        let name = n.tag_name().name();
        if is_w(n, name) {
            match name {
                "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "rPr" | "pPr" => {
                    continue;
                }
                "t" => push_text(&mut out, n.text().unwrap_or(""), ""),
                "tab" | "br" | "cr" | "p" | "tc" => out.push(' '),
                "noBreakHyphen" => out.push('-'),
                "sym" => {
                    if let Some(c) = sym_char(n) {
                        out.push(c);
                    }
                }
                _ => {}
            }
        } else if name == "t" {
            // Office Math (`m:t`).
            out.push_str(n.text().unwrap_or(""));
        }
        // Children in document order: pushed last first.
        let children: Vec<_> = n.children().filter(roxmltree::Node::is_element).collect();
        stack.extend(children.into_iter().rev());
    }
    crate::locale::text::collapse_whitespace(&out)
}

/// Appends Word text, mapping symbol-font private-use characters typed in `font`.
pub fn push_text(out: &mut String, text: &str, font: &str) {
    for c in text.chars() {
        if is_private(c) {
            if let Some(mapped) = symbol(font, c as u32) {
                out.push(mapped);
            }
        } else {
            out.push(c);
        }
    }
}

/// The character of a `w:sym` element.
pub fn sym_char(node: roxmltree::Node<'_, '_>) -> Option<char> {
    let code = u32::from_str_radix(w_attr(node, "char")?, 16).ok()?;
    symbol(w_attr(node, "font").unwrap_or(""), code)
}
