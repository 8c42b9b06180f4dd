//! Tables from the clipboard and from HTML, as [`Grid`]s, read by the browser's
//! own HTML parser (`DOMParser`).
//!
//! Word, Excel, LibreOffice and Google Docs put a copied table on the clipboard
//! twice: as `text/html`, which keeps each cell's paragraphs and merged cells, and
//! as `text/plain`, where a Word cell of several paragraphs breaks into several
//! rows. [`grids_of_paste`] reads the HTML first and falls back to the text.
//!
//! How HTML becomes cells: a cell's paragraphs break at block elements (`p`,
//! `div`, `li`, headings …) and at `<br>`; a list item keeps its marker as Word
//! writes it ("1."). A cell's `colspan` is kept; the columns a cell merged
//! down from a row above (`rowspan`) covers are empty cells in the rows below,
//! so every row's cells stay under their headings. Text outside any table (a
//! numbered list copied from a document) becomes a one-column grid, a row per
//! paragraph. The heading of a table is the nearest non-empty text above it.

use crate::core::grid::{Grid, GridCell};
use wasm_bindgen::JsCast;
use web_sys::{
    ClipboardEvent, Document, DomParser, Element, HtmlTableCellElement, HtmlTableElement,
    HtmlTableRowElement, Node, SupportedType,
};

/// The tables of a paste event: from its `text/html` when that holds any text,
/// else from its `text/plain` (tab- or comma-separated). Empty when the
/// clipboard holds neither.
pub fn grids_of_paste(ev: &ClipboardEvent) -> Vec<Grid> {
    let Some(data) = ev.clipboard_data() else {
        return Vec::new();
    };
    let html = data.get_data("text/html").unwrap_or_default();
    let grids = grids_of_html(&html);
    if !grids.is_empty() {
        return grids;
    }
    let text = data.get_data("text/plain").unwrap_or_default();
    if text.trim().is_empty() {
        Vec::new()
    } else {
        vec![Grid::from_text(&text)]
    }
}

/// The plain text of a paste event (what a text box would show).
pub fn text_of_paste(ev: &ClipboardEvent) -> String {
    ev.clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
        .unwrap_or_default()
}

/// Every outermost table of an HTML document, in order, each with the heading
/// above it; with no table, the document's paragraphs as one one-column grid.
/// Empty for HTML with no text (or when the browser cannot parse it).
pub fn grids_of_html(html: &str) -> Vec<Grid> {
    if html.trim().is_empty() {
        return Vec::new();
    }
    let Some(doc) = parse(html) else {
        return Vec::new();
    };
    let Some(body) = doc.body() else {
        return Vec::new();
    };
    let tables = doc.get_elements_by_tag_name("table");
    let mut grids = Vec::new();
    for i in 0..tables.length() {
        let Some(table) = tables.item(i) else {
            continue;
        };
        // A table inside another table's cell is read as that cell's text.
        if table
            .parent_element()
            .and_then(|p| p.closest("table").ok().flatten())
            .is_some()
        {
            continue;
        }
        if let Ok(table) = table.dyn_into::<HtmlTableElement>() {
            let grid = grid_of_table(&table);
            if !grid.rows.is_empty() {
                grids.push(grid);
            }
        }
    }
    if grids.is_empty() && tables.length() == 0 {
        let rows: Vec<Vec<GridCell>> = paragraphs(&body)
            .into_iter()
            .map(|p| vec![GridCell::new(&p)])
            .collect();
        if !rows.is_empty() {
            grids.push(Grid {
                heading: String::new(),
                rows,
            });
        }
    }
    grids
}

fn parse(html: &str) -> Option<Document> {
    DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()
}

fn grid_of_table(table: &HtmlTableElement) -> Grid {
    let rows = table.rows();
    let mut out = Vec::new();
    // For each column, how many more rows (this one included) a cell merged
    // down from above still covers.
    let mut down: Vec<usize> = Vec::new();
    for r in 0..rows.length() {
        let Some(row) = rows
            .item(r)
            .and_then(|e| e.dyn_into::<HtmlTableRowElement>().ok())
        else {
            continue;
        };
        // Rows of a table nested in a cell are listed too: skip them.
        if row.closest("table").ok().flatten().as_ref() != Some(table.unchecked_ref::<Element>()) {
            continue;
        }
        let cells = row.cells();
        let mut line = Vec::new();
        let mut col = 0usize;
        // Columns covered by a cell merged down from a row above get an empty
        // cell here, so this row's cells stay under their headings.
        fn covered(down: &[usize], col: &mut usize, line: &mut Vec<GridCell>) {
            while down.get(*col).copied().unwrap_or(0) > 0 {
                line.push(GridCell::of_paragraphs(Vec::new(), 1));
                *col += 1;
            }
        }
        for c in 0..cells.length() {
            if let Some(cell) = cells
                .item(c)
                .and_then(|e| e.dyn_into::<HtmlTableCellElement>().ok())
            {
                covered(&down, &mut col, &mut line);
                let span = usize::try_from(cell.col_span()).unwrap_or(1).max(1);
                let rows = usize::try_from(cell.row_span()).unwrap_or(1);
                if down.len() < col + span {
                    down.resize(col + span, 0);
                }
                // rowspan="0" reaches the end of the table.
                let more = if rows == 0 { usize::MAX } else { rows };
                for d in &mut down[col..col + span] {
                    *d = (*d).max(more);
                }
                line.push(GridCell::of_paragraphs(paragraphs(&cell), span));
                col += span;
            }
        }
        covered(&down, &mut col, &mut line);
        // This row is done: a merge reaching down counts it.
        for d in &mut down {
            *d = d.saturating_sub(1);
        }
        if line.iter().any(|c| !c.is_empty()) {
            out.push(line);
        }
    }
    Grid {
        heading: heading_above(table),
        rows: out,
    }
}

/// The nearest element before the table (or before one of its ancestors) with
/// any text: "Priority 1: …" above a Word table.
fn heading_above(table: &HtmlTableElement) -> String {
    let mut at: Option<Element> = Some(table.clone().unchecked_into());
    while let Some(el) = at {
        let mut prev = el.previous_element_sibling();
        while let Some(p) = prev {
            if p.tag_name().eq_ignore_ascii_case("table") {
                return String::new();
            }
            let text = paragraphs(&p);
            if let Some(last) = text.last() {
                return last.clone();
            }
            prev = p.previous_element_sibling();
        }
        at = el
            .parent_element()
            .filter(|p| !p.tag_name().eq_ignore_ascii_case("body"));
    }
    String::new()
}

const BLOCKS: &[&str] = &[
    "P",
    "DIV",
    "LI",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "TR",
    "UL",
    "OL",
    "BLOCKQUOTE",
    "TABLE",
    "SECTION",
    "ARTICLE",
    "HEADER",
    "FOOTER",
    "DT",
    "DD",
    "PRE",
];

/// The paragraphs of a node's text: breaks at block elements and `<br>`.
/// Scripts, styles and Word's conditional comments are left out.
fn paragraphs(node: &Node) -> Vec<String> {
    let mut out = vec![String::new()];
    walk(node, &mut out);
    out.into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn walk(node: &Node, out: &mut Vec<String>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE => {
                if let Some(t) = child.node_value() {
                    out.last_mut().expect("never empty").push_str(&t);
                }
            }
            Node::ELEMENT_NODE => {
                let tag = child.node_name().to_ascii_uppercase();
                match tag.as_str() {
                    "SCRIPT" | "STYLE" | "TEMPLATE" | "HEAD" => {}
                    "BR" => out.push(String::new()),
                    "TD" | "TH" => {
                        // Cells of a nested table: their text, a space apart.
                        out.last_mut().expect("never empty").push(' ');
                        walk(&child, out);
                        out.last_mut().expect("never empty").push(' ');
                    }
                    t if BLOCKS.contains(&t) => {
                        out.push(String::new());
                        walk(&child, out);
                        out.push(String::new());
                    }
                    _ => walk(&child, out),
                }
            }
            _ => {}
        }
    }
}
