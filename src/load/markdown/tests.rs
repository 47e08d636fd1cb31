//! Tests of the Markdown reader (split from markdown.rs along its seam).

use super::*;

fn parse(body: &str) -> Vec<Piece> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = move |offset: usize| match starts.binary_search(&offset) {
        Ok(i) => i + 1,
        Err(i) => i,
    };
    pieces(body, &line_of)
}

#[test]
fn headings_paragraphs_and_lists_with_lines() {
    let body = "Căn cứ **Luật**.\n\n## I. MỤC ĐÍCH\n\n- Một\n  + Hai *nghiêng*\n- Ba\n";
    let p = parse(body);
    assert_eq!(p.len(), 3);
    match &p[0] {
        Piece::Block(Block {
            kind: BlockKind::Paragraph { text },
            line: 1,
        }) => {
            assert_eq!(text.markdown, "Căn cứ **Luật**.");
            assert_eq!(text.plain, "Căn cứ Luật.");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&p[1], Piece::Heading { level: 2, .. }));
    match &p[2] {
        Piece::Block(Block {
            kind: BlockKind::List(list),
            line: 5,
        }) => {
            assert_eq!(list.marker, '-');
            assert_eq!(list.items.len(), 2);
            assert_eq!(list.items[0].text.plain, "Một");
            match &list.items[0].children[0].kind {
                BlockKind::List(inner) => {
                    assert_eq!(inner.marker, '+');
                    assert_eq!(inner.items[0].text.markdown, "Hai *nghiêng*");
                    assert_eq!(inner.items[0].line, 6);
                }
                other => panic!("{other:?}"),
            }
            assert_eq!(list.items[1].line, 7);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn loose_list_items_keep_every_paragraph() {
    let body = "1. Đầu\n\n   tiếp theo\n\n2. Hai\n";
    let p = parse(body);
    match &p[0] {
        Piece::Block(Block {
            kind: BlockKind::List(list),
            ..
        }) => {
            assert_eq!(list.start, Some(1));
            assert_eq!(list.items[0].text.plain, "Đầu");
            assert_eq!(list.items[0].children.len(), 1);
            assert_eq!(list.items[1].text.plain, "Hai");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn tables_are_read_cell_by_cell() {
    let body = "| TT | Nội dung | Đơn vị |\n|---|---|---|\n| 1 | Tỷ lệ BHYT | % |\n";
    let p = parse(body);
    match &p[0] {
        Piece::Block(Block {
            kind: BlockKind::Table(t),
            ..
        }) => {
            assert_eq!(t.header.len(), 3);
            assert_eq!(t.rows[0][1].plain, "Tỷ lệ BHYT");
            assert_eq!(t.align, [ColumnAlign::Unstated; 3]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn table_columns_keep_their_alignment() {
    let body = "| TT | Nội dung | Số người |\n|:-:|:--|--:|\n| 1 | Người cao tuổi | 1.234 |\n| 2 | Trẻ em |\n";
    let p = parse(body);
    match &p[0] {
        Piece::Block(Block {
            kind: BlockKind::Table(t),
            line: 1,
        }) => {
            assert_eq!(
                t.align,
                [ColumnAlign::Center, ColumnAlign::Left, ColumnAlign::Right]
            );
            assert_eq!(t.columns(), 3);
            assert_eq!(t.rows[0][2].plain, "1.234");
            assert_eq!(t.rows.len(), 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_code_block_is_kept_as_text_never_as_a_link() {
    let pieces = pieces("```\n[x](javascript:alert(1)) *a* <b>\n", &|_| 1);
    let Some(Piece::Block(block)) = pieces.first() else {
        panic!("{pieces:?}")
    };
    let BlockKind::Paragraph { text } = &block.kind else {
        panic!("{block:?}")
    };
    assert_eq!(text.plain, "[x](javascript:alert(1)) *a* <b>");
    let html = {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(&text.markdown, options()));
        html
    };
    assert!(!html.contains("href"), "{html}");
    assert!(
        html.contains("[x](javascript:alert(1)) *a* &lt;b&gt;"),
        "{html}"
    );
}
