//! A table as it comes out of a document or a spreadsheet, before anything is
//! read from it: rows of cells, each cell its paragraphs, and the heading written
//! above the table ("Priority 1 …").
//!
//! Every way a table comes in ends here, so one reader serves them all:
//! - the clipboard's `text/html` (Word, Excel, LibreOffice, Google Docs), turned
//!   into a grid in the browser by its own HTML parser (`app::clipboard`);
//! - the clipboard's plain text or a `.csv` file: tab-separated when the text has
//!   tabs, else comma-separated, with quoted multi-line cells as Excel writes
//!   them ([`Grid::from_text`], through the `csv` crate);
//! - a `.docx` or `.xlsx` file's tables.
//!
//! A cell keeps its paragraphs apart (a milestone per line, numbered points), and
//! a cell that spans several columns (a merged "Priority 3 …" row) keeps its span.

/// One cell: its paragraphs (trimmed, none empty) and how many columns it spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub paragraphs: Vec<String>,
    /// 1 for an ordinary cell; more for a merged cell.
    pub colspan: usize,
}

impl GridCell {
    /// A cell of one column holding `text`, split into paragraphs at line breaks.
    pub fn new(text: &str) -> GridCell {
        GridCell::spanning(text, 1)
    }

    /// A cell spanning `colspan` columns (at least 1) holding `text`, split into
    /// paragraphs at line breaks.
    pub fn spanning(text: &str, colspan: usize) -> GridCell {
        GridCell::of_paragraphs(text.lines().map(str::to_string).collect(), colspan)
    }

    /// A cell of these paragraphs: each trimmed, with runs of white space made
    /// one space (no-break spaces too); empty ones dropped.
    pub fn of_paragraphs(paragraphs: Vec<String>, colspan: usize) -> GridCell {
        GridCell {
            paragraphs: paragraphs
                .iter()
                .map(|p| squeeze(p))
                .filter(|p| !p.is_empty())
                .collect(),
            colspan: colspan.max(1),
        }
    }

    /// The cell's text on one line: its paragraphs joined by a space.
    pub fn text(&self) -> String {
        self.paragraphs.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// White space runs (line breaks, tabs, no-break spaces) made one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A table: its rows in order (header rows first, as written) and the heading
/// written above it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The nearest heading or paragraph above the table ("Priority 1: …"); empty
    /// when there is none (a paste of the table alone).
    pub heading: String,
    pub rows: Vec<Vec<GridCell>>,
}

impl Grid {
    /// A grid of rows of plain cells (one column each).
    pub fn from_records(records: Vec<Vec<String>>) -> Grid {
        Grid {
            heading: String::new(),
            rows: records
                .iter()
                .map(|r| r.iter().map(|c| GridCell::new(c)).collect())
                .collect(),
        }
    }

    /// Reads pasted text or a CSV file: tab-separated when the text has a tab,
    /// else comma-separated; a quoted cell may hold delimiters, doubled quotes
    /// and line breaks (each line a paragraph). Rows may differ in length.
    pub fn from_text(text: &str) -> Grid {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = if text.contains('\t') { b'\t' } else { b',' };
        Grid::from_records(records(text, delimiter))
    }

    /// How many columns the widest row covers, counting spans.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.iter().map(|c| c.colspan).sum::<usize>())
            .max()
            .unwrap_or(0)
    }

    /// The rows as plain text, one string per column: a spanning cell's text
    /// stands in its first column and the columns it covers are empty, so every
    /// row's cells line up with the header's.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| {
                let mut out = Vec::new();
                for c in r {
                    out.push(c.text());
                    out.extend(std::iter::repeat_n(String::new(), c.colspan - 1));
                }
                out
            })
            .collect()
    }
}

/// The records of delimited text, as the `csv` crate reads them (RFC 4180
/// quoting; rows of any length; a stray quote inside an unquoted cell is kept).
pub fn records(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    // Text that is not valid UTF-8 cannot reach here (it is a &str), so a read
    // error can only end the input early; what was read is kept.
    while let Ok(true) = reader.read_record(&mut record) {
        out.push(record.iter().map(str::to_string).collect());
    }
    out
}
