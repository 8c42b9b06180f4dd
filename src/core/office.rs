//! A Word document's, an Excel workbook's or a CSV file's tables, as [`Grid`]s:
//! the reader behind "Import from Word or Excel".
//!
//! One entry point, [`read_tables`], takes the file's name and bytes and
//! chooses the reader by what the bytes are, not by the name:
//! - a zip package whose `[Content_Types].xml` names a Word main part
//!   (`.docx`, `.docm`, `.dotx`) → [every top-level table](#word-documents);
//! - a zip package whose main part is a workbook (`.xlsx`, `.xlsm`, `.xltx`) →
//!   [a grid per worksheet](#excel-workbooks);
//! - text (UTF-8, UTF-16 with its byte-order mark, or Windows-1252 as Excel
//!   saves "CSV (Comma delimited)") → one grid by [`Grid::from_text`], headed
//!   by the file's name without its extension (as Excel names the sheet).
//!
//! In the browser these readers run in a Web Worker of their own
//! (`src/bin/waymark-office.rs`, built by Trunk), so the page's first-paint
//! wasm holds none of them: the page calls `app::office::read_tables`, the
//! worker calls [`read_file`] and answers with [`reply_json`], and the page
//! reads that with [`parse_reply`].
//!
//! Anything else is an [`OfficeError`] whose `Display` says in plain words what
//! the file is and what to do: a `.docx` that is not a zip, a zip with no
//! document inside, a password-protected file, a Word 97–2003 `.doc` or Excel
//! 97–2003 `.xls`, a PDF, a web page saved under a Word name. Reading never
//! panics, whatever the bytes (the tests feed it truncated and random files).
//!
//! # Word documents
//! The tables of `word/document.xml` that are not inside another table, in
//! order. Each grid's `heading` is the nearest non-empty paragraph above the
//! table and after the table before it ("Priority 1: …"); empty when the table
//! follows another with only empty paragraphs between, as the clipboard reader
//! does. In a cell:
//! - each paragraph (`w:p`) is a paragraph of the cell, and a line break
//!   (`w:br`, `w:cr`) inside one starts another;
//! - a numbered paragraph keeps its number as Word shows it ("1.", "01.", "i)",
//!   "a)", "2.3"), counted from `word/numbering.xml` for numbering set on the
//!   paragraph itself; bullets are dropped, and so is numbering that comes only
//!   from a paragraph style;
//! - `w:gridSpan` is the cell's `colspan`; a cell continuing a vertical merge
//!   (`w:vMerge` without `restart`) is an empty cell; the columns a row skips
//!   at its start (`w:gridBefore`) are empty cells, so its cells line up;
//! - a table nested in a cell is read as more paragraphs of that cell;
//! - deleted text of tracked changes, field codes, and drawings and text boxes
//!   are left out.
//!
//! # Excel workbooks
//! Each visible worksheet with any value is a grid headed by the sheet's name,
//! in the workbook's order (hidden sheets, usually lookup lists, and empty
//! sheets are left out). Its rows are the rows holding a value, its columns
//! start at the first column holding a value in any row, and each row ends at
//! its last value (or the end of a merge starting on it). A cell shows:
//! - its text (shared strings, inline strings and formulas' cached text), split
//!   into paragraphs at line breaks;
//! - a number as Excel cached it, in its shortest form ("0.1", "12");
//!   percentages ("0%", "0.00%" styles) as shown ("86%"), and dates (built-in
//!   date styles, or custom ones with a day or year in them) as dd/mm/yyyy;
//! - `TRUE`/`FALSE` for a truth value, an error ("#N/A") as written.
//!
//! A merged range is one cell on the merge's first row with the merge's width
//! as its `colspan`; the rows below it hold empty cells where the merge covers
//! them.

use crate::core::date::Date;
use crate::core::grid::{Grid, GridCell};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

/// The biggest part of a package read (unpacked): 64 MiB. A Word plan of a
/// hundred pages is about 1 MiB; more is a damaged or hostile file.
pub const PART_LIMIT: u64 = 64 * 1024 * 1024;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A Word document (`.docx` and its macro and template forms).
    Word,
    /// An Excel workbook (`.xlsx` and its macro and template forms).
    Excel,
    /// Delimited text: CSV or tab-separated.
    Text,
}

impl FileKind {
    /// "Word document", "Excel workbook", "CSV file".
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Word => "Word document",
            FileKind::Excel => "Excel workbook",
            FileKind::Text => "CSV file",
        }
    }
}

/// Why a file's tables cannot be read, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    #[error("The file is empty: it holds nothing to read.")]
    Empty,
    #[error(
        "The file is protected by a password, so its contents cannot be read. \
         Open it in Word or Excel, remove the password, save it, and choose it again."
    )]
    Encrypted,
    #[error(
        "This is {what}, an older format Waymark cannot read. Open it in {program} \
         and save it as {save_as}, then choose the new file."
    )]
    Legacy {
        /// "a Word 97–2003 document (.doc)"
        what: &'static str,
        /// "Word"
        program: &'static str,
        /// "a Word Document (.docx)"
        save_as: &'static str,
    },
    #[error(
        "This file is named as {claimed}, but it is not one: {found}. It may be \
         damaged, or another kind of file renamed. Open it in the program that \
         made it and save it as a Word document (.docx), an Excel workbook (.xlsx) \
         or a CSV file."
    )]
    NotWhatItClaims {
        /// "a Word document (.docx)"
        claimed: &'static str,
        /// "it holds plain text"
        found: &'static str,
    },
    #[error(
        "This is a web page (HTML) saved under a Word or Excel name. Open it in \
         Word or Excel and save it as a Word document (.docx) or an Excel workbook \
         (.xlsx), or copy its table and paste it."
    )]
    WebPage,
    #[error(
        "This is {what}, which Waymark cannot read. Waymark reads Word documents \
         (.docx), Excel workbooks (.xlsx) and CSV files: {hint}"
    )]
    Unsupported {
        /// "a PDF"
        what: &'static str,
        /// what to do, ending with a full stop
        hint: &'static str,
    },
    #[error(
        "The file is a zip package, but there is no Word document or Excel \
         workbook inside it."
    )]
    NoDocument,
    #[error(
        "The file is damaged or incomplete{}, so it cannot be read. Save or \
         download it again and choose the new copy.",
        part_note(.part)
    )]
    Damaged {
        /// The part that could not be read ("word/document.xml"), or empty when
        /// the package itself cannot be opened.
        part: String,
    },
    #[error(
        "The file is too large to read: {part} unpacks to more than 64 MB. \
         A real plan is far smaller; the file may be damaged."
    )]
    TooLarge { part: String },
    #[error(
        "This file is not a Word document, an Excel workbook or a CSV file, so \
         Waymark cannot read it."
    )]
    NotRecognised,
    #[error("{}", no_tables(*.kind))]
    NoTables { kind: FileKind },
}

fn part_note(part: &str) -> String {
    if part.is_empty() {
        String::new()
    } else {
        format!(" (its part “{part}” cannot be read)")
    }
}

fn no_tables(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Word => "This Word document has no tables.",
        FileKind::Excel => "This Excel workbook has no values in any visible sheet.",
        FileKind::Text => "This CSV file holds no rows.",
    }
}

/// The tables of a file, read by what its bytes are (see the [module
/// docs](self)): a Word document's top-level tables in order, each headed by
/// the paragraph above it; an Excel workbook's visible sheets, each headed by
/// its name; a CSV file's one table, headed by the file's name. Never empty:
/// a file with no table is [`OfficeError::NoTables`].
pub fn read_tables(name: &str, bytes: &[u8]) -> Result<Vec<Grid>, OfficeError> {
    read_file(name, bytes).map(|(_, grids)| grids)
}

/// [`read_tables`], also telling what kind of file it was.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<(FileKind, Vec<Grid>), OfficeError> {
    let claim = Claim::of(name);
    if bytes.is_empty() {
        return Err(OfficeError::Empty);
    }
    let (kind, grids) = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        read_package(bytes)?
    } else if bytes.starts_with(&OLE_MAGIC) {
        return Err(compound_file(bytes));
    } else if let Some(err) = other_format(bytes) {
        return Err(err);
    } else if let Some(text) = decode_text(bytes) {
        if let Some(claimed) = claim.office() {
            return Err(OfficeError::NotWhatItClaims {
                claimed,
                found: "it holds plain text",
            });
        }
        let mut grid = Grid::from_text(&text);
        grid.rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        grid.heading = stem(name).to_string();
        (FileKind::Text, vec![grid])
    } else if let Some(claimed) = claim.office() {
        return Err(OfficeError::NotWhatItClaims {
            claimed,
            found: "it is not a zip package, as every one is",
        });
    } else {
        return Err(OfficeError::NotRecognised);
    };
    let grids: Vec<Grid> = grids.into_iter().filter(|g| !g.rows.is_empty()).collect();
    if grids.is_empty() {
        return Err(OfficeError::NoTables { kind });
    }
    Ok((kind, grids))
}

/// What a file's name says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    Word,
    Excel,
    Other,
}

impl Claim {
    fn of(name: &str) -> Claim {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "docx" | "docm" | "dotx" | "dotm" | "doc" => Claim::Word,
            "xlsx" | "xlsm" | "xltx" | "xltm" | "xls" => Claim::Excel,
            _ => Claim::Other,
        }
    }

    fn office(self) -> Option<&'static str> {
        match self {
            Claim::Word => Some("a Word document"),
            Claim::Excel => Some("an Excel workbook"),
            Claim::Other => None,
        }
    }
}

/// The name without its folder and extension: "Tracker" for "C:\x\Tracker.csv".
fn stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => base,
    }
}

// ---------------------------------------------------------------------------
// Sniffing what the bytes are

/// The first bytes of an OLE compound file: Office 97–2003 files, and Office
/// files of any age protected by a password.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An OLE compound file, told apart by the streams its directory names
/// (stored as UTF-16).
fn compound_file(bytes: &[u8]) -> OfficeError {
    let has = |name: &str| {
        let wide: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(wide.len()).any(|w| w == wide.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        OfficeError::Encrypted
    } else if has("WordDocument") {
        OfficeError::Legacy {
            what: "a Word 97–2003 document (.doc)",
            program: "Word",
            save_as: "a Word Document (.docx)",
        }
    } else if has("Workbook") || has("Book") {
        OfficeError::Legacy {
            what: "an Excel 97–2003 workbook (.xls)",
            program: "Excel",
            save_as: "an Excel Workbook (.xlsx)",
        }
    } else if has("PowerPoint Document") {
        OfficeError::Unsupported {
            what: "a PowerPoint presentation",
            hint: "copy its tables into Word or Excel first.",
        }
    } else {
        OfficeError::Legacy {
            what: "an Office 97–2003 file",
            program: "Word or Excel",
            save_as: "a .docx or .xlsx file",
        }
    }
}

/// Formats recognised by their first bytes that are not tables Waymark reads.
fn other_format(bytes: &[u8]) -> Option<OfficeError> {
    let head: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || [0xEF, 0xBB, 0xBF].contains(*b))
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let contains = |s: &str| head.windows(s.len()).any(|w| w == s.as_bytes());
    if head.starts_with(b"%pdf") {
        Some(OfficeError::Unsupported {
            what: "a PDF",
            hint: "open the document it was made from and save that as .docx, or copy the table from the PDF and paste it.",
        })
    } else if head.starts_with(b"{\\rtf") {
        Some(OfficeError::Unsupported {
            what: "a Rich Text document (.rtf)",
            hint: "open it in Word and save it as a Word Document (.docx).",
        })
    } else if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        Some(OfficeError::WebPage)
    } else if head.starts_with(b"<?xml")
        && (contains("urn:schemas-microsoft-com:office:spreadsheet")
            || contains("schemas.microsoft.com/office/word/2003")
            || contains("<pkg:package")
            || contains("<w:worddocument"))
    {
        Some(OfficeError::Unsupported {
            what: "an Office XML file (Word or Excel 2003 XML, or a flat Word XML document)",
            hint: "open it in Word or Excel and save it as .docx or .xlsx.",
        })
    } else if head.starts_with(b"mime-version:") {
        Some(OfficeError::WebPage)
    } else {
        None
    }
}

/// The bytes as text: UTF-8 (with or without its byte-order mark), UTF-16 with
/// its byte-order mark (Excel's "Unicode Text"), else Windows-1252 (Excel's
/// "CSV (Comma delimited)" on Windows) — unless they hold a NUL or other
/// control characters, as no text file does.
fn decode_text(bytes: &[u8]) -> Option<String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
        }
    };
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
    if text.chars().any(control) {
        None
    } else {
        Some(text)
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| read([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// One Windows-1252 byte as a character (the five unused bytes as controls, so
/// a binary file is not taken for text).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

// ---------------------------------------------------------------------------
// The zip package

struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
}

impl Package<'_> {
    /// The part at `path` (no leading slash; matched ignoring case, as OPC
    /// part names are), or `None` when the package has no such part.
    fn part(&mut self, path: &str) -> Result<Option<String>, OfficeError> {
        let path = path.trim_start_matches('/');
        let Some(index) = self.zip.index_for_name(path).or_else(|| {
            let name = self
                .zip
                .file_names()
                .filter_map(Result::ok)
                .find(|n| n.eq_ignore_ascii_case(path))?
                .into_owned();
            self.zip.index_for_name(&name)
        }) else {
            return Ok(None);
        };
        let damaged = || OfficeError::Damaged {
            part: path.to_string(),
        };
        let file = self.zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m)
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                OfficeError::Encrypted
            }
            _ => damaged(),
        })?;
        if file.size() > PART_LIMIT {
            return Err(OfficeError::TooLarge {
                part: path.to_string(),
            });
        }
        let mut bytes = Vec::new();
        file.take(PART_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| damaged())?;
        if bytes.len() as u64 > PART_LIMIT {
            return Err(OfficeError::TooLarge {
                part: path.to_string(),
            });
        }
        xml_text(bytes).map(Some).ok_or_else(damaged)
    }

    /// The part at `path`, which must be there.
    fn required(&mut self, path: &str) -> Result<String, OfficeError> {
        self.part(path)?.ok_or_else(|| OfficeError::Damaged {
            part: path.trim_start_matches('/').to_string(),
        })
    }
}

/// An XML part's bytes as text: UTF-8, or UTF-16 with its byte-order mark.
fn xml_text(bytes: Vec<u8>) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Some(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Some(utf16(rest, u16::from_be_bytes));
    }
    let mut s = String::from_utf8(bytes).ok()?;
    if s.starts_with('\u{feff}') {
        s.remove(0);
    }
    Some(s)
}

const WORD_MAIN: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];
const EXCEL_MAIN: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
];

fn read_package(bytes: &[u8]) -> Result<(FileKind, Vec<Grid>), OfficeError> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| OfficeError::Damaged {
        part: String::new(),
    })?;
    let mut pkg = Package { zip };
    let (kind, main) = match pkg.part("[Content_Types].xml")? {
        Some(types) => main_part(&types)?,
        None => {
            if let Some(mime) = pkg.part("mimetype")? {
                return Err(open_document(&mime));
            }
            // No content types: a package some tool wrote by hand; look where
            // Word and Excel put their main part.
            if pkg.zip.index_for_name("word/document.xml").is_some() {
                (FileKind::Word, "word/document.xml".to_string())
            } else if pkg.zip.index_for_name("xl/workbook.xml").is_some() {
                (FileKind::Excel, "xl/workbook.xml".to_string())
            } else {
                return Err(OfficeError::NoDocument);
            }
        }
    };
    let grids = match kind {
        FileKind::Word => read_word(&mut pkg, &main)?,
        _ => read_workbook(&mut pkg, &main)?,
    };
    Ok((kind, grids))
}

/// The kind and path of the package's main part, from `[Content_Types].xml`.
fn main_part(types: &str) -> Result<(FileKind, String), OfficeError> {
    let damaged = || OfficeError::Damaged {
        part: "[Content_Types].xml".to_string(),
    };
    let mut found = None;
    let mut other = None;
    walk(types, |ev| {
        if let Xml::Open(name, e) = ev {
            if name != "Override" || found.is_some() {
                return;
            }
            let (Some(part), Some(ty)) = (attr(e, "PartName"), attr(e, "ContentType")) else {
                return;
            };
            if WORD_MAIN.contains(&ty.as_str()) {
                found = Some((FileKind::Word, part));
            } else if EXCEL_MAIN.contains(&ty.as_str()) {
                found = Some((FileKind::Excel, part));
            } else if other.is_none() {
                other = unsupported_main(&ty);
            }
        }
    })
    .map_err(|_| damaged())?;
    match (found, other) {
        (Some(f), _) => Ok(f),
        (None, Some(err)) => Err(err),
        (None, None) => Err(OfficeError::NoDocument),
    }
}

fn unsupported_main(content_type: &str) -> Option<OfficeError> {
    if content_type.contains("presentationml") && content_type.ends_with(".main+xml") {
        Some(OfficeError::Unsupported {
            what: "a PowerPoint presentation",
            hint: "copy its tables into Word or Excel first.",
        })
    } else if content_type == "application/vnd.ms-excel.sheet.binary.macroEnabled.main" {
        Some(OfficeError::Unsupported {
            what: "an Excel binary workbook (.xlsb)",
            hint: "open it in Excel and save it as an Excel Workbook (.xlsx).",
        })
    } else if content_type.contains("visio") {
        Some(OfficeError::Unsupported {
            what: "a Visio drawing",
            hint: "copy its tables into Word or Excel first.",
        })
    } else {
        None
    }
}

/// An OpenDocument file (LibreOffice's own formats), by its `mimetype` part.
fn open_document(mime: &str) -> OfficeError {
    if mime.contains("spreadsheet") {
        OfficeError::Unsupported {
            what: "an OpenDocument spreadsheet (.ods)",
            hint: "open it in LibreOffice or Excel and save it as an Excel Workbook (.xlsx).",
        }
    } else {
        OfficeError::Unsupported {
            what: "an OpenDocument file (.odt)",
            hint: "open it in LibreOffice or Word and save it as a Word Document (.docx).",
        }
    }
}

/// The folder of a part ("xl/" for "/xl/workbook.xml").
fn folder(part: &str) -> &str {
    let part = part.trim_start_matches('/');
    match part.rfind('/') {
        Some(i) => &part[..=i],
        None => "",
    }
}

/// The relationships part of a part: "xl/_rels/workbook.xml.rels".
fn rels_path(part: &str) -> String {
    let part = part.trim_start_matches('/');
    let file = part.rsplit('/').next().unwrap_or(part);
    format!("{}_rels/{file}.rels", folder(part))
}

/// A relationship's target as a path in the package: absolute ("/xl/x.xml"),
/// or relative to the folder of the part that holds it, with "../" resolved.
fn resolve(base_folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base_folder}{target}"),
    };
    let mut out: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// A relationship: its type's last word ("worksheet", "sharedStrings") and its
/// target resolved against the part's folder.
struct Rel {
    kind: String,
    target: String,
}

/// The relationships of `part`, by id; none when it has no relationships part.
fn relationships(pkg: &mut Package, part: &str) -> Result<HashMap<String, Rel>, OfficeError> {
    let path = rels_path(part);
    let Some(xml) = pkg.part(&path)? else {
        return Ok(HashMap::new());
    };
    let base = folder(part).to_string();
    let mut rels = HashMap::new();
    walk(&xml, |ev| {
        if let Xml::Open("Relationship", e) = ev {
            if attr(e, "TargetMode").as_deref() == Some("External") {
                return;
            }
            if let (Some(id), Some(ty), Some(target)) =
                (attr(e, "Id"), attr(e, "Type"), attr(e, "Target"))
            {
                let kind = ty.rsplit('/').next().unwrap_or_default().to_string();
                let target = resolve(&base, &target);
                rels.insert(id, Rel { kind, target });
            }
        }
    })
    .map_err(|_| OfficeError::Damaged { part: path })?;
    Ok(rels)
}

/// The first relationship of a kind.
fn rel_of_kind<'r>(rels: &'r HashMap<String, Rel>, kind: &str) -> Option<&'r str> {
    let mut of_kind: Vec<&Rel> = rels.values().filter(|r| r.kind == kind).collect();
    of_kind.sort_by(|a, b| a.target.cmp(&b.target));
    of_kind.first().map(|r| r.target.as_str())
}

// ---------------------------------------------------------------------------
// XML events, by local name (prefixes vary between the tools that write files)

enum Xml<'e, 'a> {
    /// An element opens (an empty element is opened and closed at once).
    Open(&'e str, &'e BytesStart<'a>),
    Close(&'e str),
    Text(&'e str),
}

/// Walks an XML part's elements and text (entities resolved, line ends made
/// `\n`). Fails on XML that is not well formed.
fn walk(xml: &str, mut f: impl FnMut(Xml)) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                let name = e.local_name();
                f(Xml::Open(name.as_ref(), &e));
            }
            Event::Empty(e) => {
                let name = e.local_name();
                f(Xml::Open(name.as_ref(), &e));
                f(Xml::Close(name.as_ref()));
            }
            Event::End(e) => {
                let name = e.local_name();
                f(Xml::Close(name.as_ref()));
            }
            Event::Text(t) => f(Xml::Text(&t.xml10_content())),
            Event::CData(t) => f(Xml::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "amp" => Some('&'),
                        "apos" => Some('\''),
                        "quot" => Some('"'),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let Some(c) = c {
                    f(Xml::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute's value by its local name, entities resolved.
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

// ---------------------------------------------------------------------------
// Word

fn read_word(pkg: &mut Package, main: &str) -> Result<Vec<Grid>, OfficeError> {
    let document = pkg.required(main)?;
    let rels = relationships(pkg, main)?;
    let numbering = match rel_of_kind(&rels, "numbering") {
        Some(path) => {
            let path = path.to_string();
            match pkg.part(&path)? {
                Some(xml) => Numbering::read(&xml),
                None => Numbering::default(),
            }
        }
        None => Numbering::default(),
    };
    word_tables(&document, numbering).ok_or_else(|| OfficeError::Damaged {
        part: main.trim_start_matches('/').to_string(),
    })
}

/// Elements whose content is not the document's visible text: drawings and
/// text boxes (their text would repeat in a fallback), tracked changes' old
/// properties.
const WORD_SKIP: &[&str] = &[
    "drawing",
    "pict",
    "object",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "tcPrChange",
    "trPrChange",
    "tblPrChange",
    "sectPrChange",
    "numberingChange",
];

#[derive(Default)]
struct WordCell {
    paragraphs: Vec<String>,
    colspan: usize,
    continues_merge: bool,
}

/// The top-level tables of a `word/document.xml`; `None` when it is not well
/// formed.
fn word_tables(xml: &str, mut numbering: Numbering) -> Option<Vec<Grid>> {
    let mut grids = Vec::new();
    let mut heading = String::new();
    let mut depth = 0usize; // tables open
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut table_heading = String::new();
    let mut row: Option<Vec<GridCell>> = None;
    let mut cell: Option<WordCell> = None;
    // The paragraph being read: its lines (split at breaks), and its numbering.
    let mut para: Option<Vec<String>> = None;
    let mut num: (Option<String>, usize) = (None, 0);
    let mut run = 0usize;
    let mut in_text = false;
    let mut skip = 0usize;

    let ok = walk(xml, |ev| {
        if skip > 0 {
            match ev {
                Xml::Open(n, _) if WORD_SKIP.contains(&n) => skip += 1,
                Xml::Close(n) if WORD_SKIP.contains(&n) => skip -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Xml::Open(n, _) if WORD_SKIP.contains(&n) => skip = 1,
            Xml::Open("tbl", _) => {
                depth += 1;
                if depth == 1 {
                    rows.clear();
                    table_heading = std::mem::take(&mut heading);
                }
            }
            Xml::Close("tbl") if depth > 0 => {
                if depth == 1 {
                    grids.push(Grid {
                        heading: std::mem::take(&mut table_heading),
                        rows: std::mem::take(&mut rows),
                    });
                    heading.clear();
                }
                depth -= 1;
            }
            Xml::Open("tr", _) if depth == 1 => row = Some(Vec::new()),
            Xml::Close("tr") if depth == 1 => {
                if let Some(r) = row.take() {
                    rows.push(r);
                }
            }
            Xml::Open("gridBefore", e) if depth == 1 && cell.is_none() => {
                if let Some(r) = row.as_mut() {
                    let n = number_attr(e).unwrap_or(0).min(64);
                    r.extend((0..n).map(|_| GridCell::of_paragraphs(Vec::new(), 1)));
                }
            }
            Xml::Open("tc", _) if depth == 1 => {
                cell = Some(WordCell {
                    colspan: 1,
                    ..WordCell::default()
                })
            }
            Xml::Close("tc") if depth == 1 => {
                if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                    let paragraphs = if c.continues_merge {
                        Vec::new()
                    } else {
                        c.paragraphs
                    };
                    r.push(GridCell::of_paragraphs(paragraphs, c.colspan));
                }
            }
            Xml::Open("gridSpan", e) if depth == 1 => {
                if let Some(c) = cell.as_mut() {
                    c.colspan = number_attr(e).unwrap_or(1).clamp(1, 64);
                }
            }
            Xml::Open("vMerge", e) if depth == 1 => {
                if let Some(c) = cell.as_mut() {
                    c.continues_merge = attr(e, "val").is_none_or(|v| v != "restart");
                }
            }
            Xml::Open("p", _) if para.is_none() => {
                para = Some(vec![String::new()]);
                num = (None, 0);
            }
            Xml::Open("numId", e) if para.is_some() && run == 0 => {
                num.0 = attr(e, "val");
            }
            Xml::Open("ilvl", e) if para.is_some() && run == 0 => {
                num.1 = number_attr(e).unwrap_or(0).min(8);
            }
            Xml::Close("p") => {
                let Some(lines) = para.take() else { return };
                let label = num.0.take().and_then(|id| numbering.next(&id, num.1));
                let mut lines: Vec<String> = lines;
                if let (Some(label), Some(first)) =
                    (label, lines.iter_mut().find(|l| !l.trim().is_empty()))
                {
                    *first = format!("{label} {}", first.trim_start());
                }
                if depth == 0 {
                    let text = GridCell::of_paragraphs(lines, 1).text();
                    if !text.is_empty() {
                        heading = text;
                    }
                } else if let Some(c) = cell.as_mut() {
                    c.paragraphs.extend(lines);
                }
            }
            Xml::Open("r", _) => run += 1,
            Xml::Close("r") => run = run.saturating_sub(1),
            Xml::Open("t", _) if run > 0 => in_text = true,
            Xml::Close("t") => in_text = false,
            Xml::Text(t) if in_text => {
                if let Some(line) = para.as_mut().and_then(|p| p.last_mut()) {
                    line.push_str(t);
                }
            }
            Xml::Open("tab" | "ptab", _) if run > 0 => push_line_text(&mut para, "\t"),
            Xml::Open("noBreakHyphen", _) if run > 0 => push_line_text(&mut para, "-"),
            Xml::Open("br" | "cr", _) if run > 0 => {
                if let Some(p) = para.as_mut() {
                    p.push(String::new());
                }
            }
            _ => {}
        }
    });
    ok.ok()?;
    Some(grids)
}

fn push_line_text(para: &mut Option<Vec<String>>, s: &str) {
    if let Some(line) = para.as_mut().and_then(|p| p.last_mut()) {
        line.push_str(s);
    }
}

/// A `w:val` attribute read as a whole number.
fn number_attr(e: &BytesStart) -> Option<usize> {
    attr(e, "val")?.trim().parse().ok()
}

/// Word's list numbering (`word/numbering.xml`), counted as paragraphs come.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId, and its start overrides by level.
    nums: HashMap<String, (String, HashMap<usize, usize>)>,
    /// abstractNumId → its levels.
    abstracts: HashMap<String, BTreeMap<usize, Level>>,
    /// The counters of a list's levels. Word counts on through every `w:num`
    /// of one abstract numbering, unless the `w:num` restarts it with a start
    /// override: so by abstractNumId, or by numId for a num that restarts.
    counters: HashMap<String, [usize; 9]>,
}

#[derive(Clone, Default)]
struct Level {
    start: usize,
    format: String,
    text: String,
}

impl Numbering {
    /// The numbering definitions; none when the part is not well formed.
    fn read(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, String, HashMap<usize, usize>)> = None;
        let mut override_level: Option<usize> = None;
        let ok = walk(xml, |ev| match ev {
            Xml::Open("abstractNum", e) => abstract_id = attr(e, "abstractNumId"),
            Xml::Close("abstractNum") => abstract_id = None,
            Xml::Open("lvl", e) => {
                let ilvl = attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                level = Some((
                    ilvl,
                    Level {
                        start: 1,
                        ..Level::default()
                    },
                ));
            }
            Xml::Open("start", e) => {
                if let Some((_, l)) = level.as_mut() {
                    l.start = number_attr(e).unwrap_or(1);
                }
            }
            Xml::Open("numFmt", e) => {
                if let Some((_, l)) = level.as_mut() {
                    l.format = attr(e, "val").unwrap_or_default();
                }
            }
            Xml::Open("lvlText", e) => {
                if let Some((_, l)) = level.as_mut() {
                    l.text = attr(e, "val").unwrap_or_default();
                }
            }
            Xml::Close("lvl") => {
                if let (Some((i, l)), Some(a)) = (level.take(), abstract_id.as_ref()) {
                    n.abstracts.entry(a.clone()).or_default().insert(i, l);
                }
            }
            Xml::Open("num", e) => {
                num = attr(e, "numId").map(|id| (id, String::new(), HashMap::new()));
            }
            Xml::Open("abstractNumId", e) => {
                if let Some(x) = num.as_mut() {
                    x.1 = attr(e, "val").unwrap_or_default();
                }
            }
            Xml::Open("lvlOverride", e) => {
                override_level = attr(e, "ilvl").and_then(|v| v.parse().ok());
            }
            Xml::Open("startOverride", e) => {
                if let (Some(x), Some(i)) = (num.as_mut(), override_level) {
                    x.2.insert(i, number_attr(e).unwrap_or(1));
                }
            }
            Xml::Close("num") => {
                if let Some((id, a, o)) = num.take() {
                    n.nums.insert(id, (a, o));
                }
            }
            _ => {}
        });
        if ok.is_err() {
            return Numbering::default();
        }
        n
    }

    /// The label of the next paragraph numbered `num_id` at level `ilvl`
    /// ("2.", "01.", "ii)"), or `None` for a bullet, no numbering, or numbering
    /// the definitions do not hold.
    fn next(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abstract_id)?;
        let start = |i: usize| {
            overrides
                .get(&i)
                .copied()
                .or_else(|| levels.get(&i).map(|l| l.start))
                .unwrap_or(1)
        };
        let key = if overrides.is_empty() {
            format!("abstract {abstract_id}")
        } else {
            format!("num {num_id}")
        };
        let counters = self.counters.entry(key).or_insert([0; 9]);
        let ilvl = ilvl.min(8);
        counters[ilvl] = if counters[ilvl] == 0 {
            start(ilvl)
        } else {
            counters[ilvl] + 1
        };
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let level = levels.get(&ilvl)?;
        if matches!(level.format.as_str(), "bullet" | "none") {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let value = if counters[i] == 0 {
                        start(i)
                    } else {
                        counters[i]
                    };
                    let format = levels.get(&i).map_or("decimal", |l| l.format.as_str());
                    label.push_str(&format_number_as(value, format));
                }
                _ => label.push(ch),
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

/// A list counter in one of Word's number formats.
fn format_number_as(n: usize, format: &str) -> String {
    match format {
        "decimalZero" => format!("{n:02}"),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Word's letter numbering: A … Z, then AA … ZZ, AAA …
fn letters(n: usize) -> String {
    if n == 0 {
        return n.to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, (n - 1) / 26 + 1).collect()
}

// ---------------------------------------------------------------------------
// Excel

struct Sheet {
    name: String,
    path: String,
}

fn read_workbook(pkg: &mut Package, main: &str) -> Result<Vec<Grid>, OfficeError> {
    let main_path = main.trim_start_matches('/').to_string();
    let workbook = pkg.required(&main_path)?;
    let rels = relationships(pkg, &main_path)?;
    let mut sheets = Vec::new();
    let mut date1904 = false;
    walk(&workbook, |ev| match ev {
        Xml::Open("workbookPr", e) => {
            date1904 = matches!(attr(e, "date1904").as_deref(), Some("1" | "true"));
        }
        Xml::Open("sheet", e) => {
            let hidden = matches!(attr(e, "state").as_deref(), Some("hidden" | "veryHidden"));
            let rel = attr(e, "id").and_then(|id| rels.get(&id));
            if let (false, Some(rel)) = (hidden, rel) {
                if rel.kind == "worksheet" {
                    sheets.push(Sheet {
                        name: attr(e, "name").unwrap_or_default(),
                        path: rel.target.clone(),
                    });
                }
            }
        }
        _ => {}
    })
    .map_err(|_| OfficeError::Damaged {
        part: main_path.clone(),
    })?;

    let shared = match rel_of_kind(&rels, "sharedStrings").map(str::to_string) {
        Some(path) => match pkg.part(&path)? {
            Some(xml) => shared_strings(&xml).ok_or(OfficeError::Damaged { part: path })?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let styles = match rel_of_kind(&rels, "styles").map(str::to_string) {
        Some(path) => match pkg.part(&path)? {
            Some(xml) => Styles::read(&xml),
            None => Styles::default(),
        },
        None => Styles::default(),
    };
    let book = Book {
        shared,
        styles,
        date1904,
    };
    let mut grids = Vec::new();
    for sheet in sheets {
        let xml = pkg.required(&sheet.path)?;
        let rows = book
            .sheet_rows(&xml)
            .ok_or(OfficeError::Damaged { part: sheet.path })?;
        grids.push(Grid {
            heading: sheet.name,
            rows,
        });
    }
    Ok(grids)
}

/// The shared strings table; `None` when it is not well formed.
fn shared_strings(xml: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    let mut phonetic = 0usize;
    walk(xml, |ev| match ev {
        Xml::Open("si", _) => current = Some(String::new()),
        Xml::Close("si") => out.push(unescape_ooxml(&current.take().unwrap_or_default())),
        Xml::Open("rPh", _) => phonetic += 1,
        Xml::Close("rPh") => phonetic = phonetic.saturating_sub(1),
        Xml::Open("t", _) => in_text = phonetic == 0,
        Xml::Close("t") => in_text = false,
        Xml::Text(t) if in_text => {
            if let Some(s) = current.as_mut() {
                s.push_str(t);
            }
        }
        _ => {}
    })
    .ok()?;
    Some(out)
}

/// Excel's escapes for characters XML cannot hold ("_x000D_" for a carriage
/// return; "_x005F_" for an underscore written before such a sequence).
fn unescape_ooxml(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let code = after
            .get(..5)
            .filter(|h| h.ends_with('_') && h[..4].bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(&h[..4], 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &after[5..];
            }
            None => {
                out.push_str("_x");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a cell's number is shown, from its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Number,
    Date,
    /// A percentage with this many decimals.
    Percent(usize),
}

#[derive(Default)]
struct Styles {
    /// By the cell's style index (`s`).
    cells: Vec<Shown>,
}

impl Styles {
    fn read(xml: &str) -> Styles {
        let mut custom: HashMap<String, Shown> = HashMap::new();
        let mut cells = Vec::new();
        let mut in_cell_xfs = false;
        let ok = walk(xml, |ev| match ev {
            Xml::Open("numFmt", e) => {
                if let (Some(id), Some(code)) = (attr(e, "numFmtId"), attr(e, "formatCode")) {
                    custom.insert(id, shown_by_code(&code));
                }
            }
            Xml::Open("cellXfs", _) => in_cell_xfs = true,
            Xml::Close("cellXfs") => in_cell_xfs = false,
            Xml::Open("xf", e) if in_cell_xfs => {
                let id = attr(e, "numFmtId").unwrap_or_default();
                let shown = match id.parse::<u32>() {
                    Ok(14..=17 | 22 | 27..=36 | 50..=58) => Shown::Date,
                    Ok(9) => Shown::Percent(0),
                    Ok(10) => Shown::Percent(2),
                    _ => custom.get(&id).copied().unwrap_or(Shown::Number),
                };
                cells.push(shown);
            }
            _ => {}
        });
        if ok.is_err() {
            return Styles::default();
        }
        Styles { cells }
    }

    fn shown(&self, style: Option<usize>) -> Shown {
        style
            .and_then(|s| self.cells.get(s).copied())
            .unwrap_or(Shown::Number)
    }
}

/// How a custom number format shows a number: a date when it has a day or a
/// year outside quoted text and brackets, a percentage when it has a `%`.
fn shown_by_code(code: &str) -> Shown {
    let section = code.split(';').next().unwrap_or(code);
    let mut plain = String::new();
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in section.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            c => plain.push(c.to_ascii_lowercase()),
        }
    }
    if plain.contains('d') || plain.contains('y') {
        Shown::Date
    } else if plain.contains('%') {
        let decimals = plain
            .split_once('.')
            .map_or(0, |(_, d)| d.chars().take_while(|c| *c == '0').count());
        Shown::Percent(decimals)
    } else {
        Shown::Number
    }
}

struct Book {
    shared: Vec<String>,
    styles: Styles,
    date1904: bool,
}

/// A cell as read from a sheet: what it shows, by row and column (from 0).
type Cells = BTreeMap<usize, BTreeMap<usize, String>>;

impl Book {
    /// A worksheet's rows as grid rows (see the module docs); `None` when the
    /// sheet is not well formed.
    fn sheet_rows(&self, xml: &str) -> Option<Vec<Vec<GridCell>>> {
        let mut cells: Cells = BTreeMap::new();
        let mut merges: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut row = 0usize;
        let mut col = 0usize;
        // The cell being read: its type and style, its cached value, its
        // inline string.
        let mut cell: Option<(Option<String>, Option<usize>)> = None;
        let mut value = String::new();
        let mut inline = String::new();
        let mut target = Target::None;
        let mut phonetic = 0usize;
        walk(xml, |ev| match ev {
            Xml::Open("row", e) => {
                row = attr(e, "r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .map_or(row + 1, |r| r.max(1));
                col = 0;
            }
            Xml::Open("c", e) => {
                col = match attr(e, "r").and_then(|r| cell_ref(&r)) {
                    Some((c, _)) => c + 1,
                    None => col + 1,
                };
                cell = Some((attr(e, "t"), attr(e, "s").and_then(|s| s.parse().ok())));
                value.clear();
                inline.clear();
            }
            Xml::Close("c") => {
                if let Some((ty, style)) = cell.take() {
                    let shown = self.show(ty.as_deref(), style, &value, &inline);
                    if !shown.trim().is_empty() && row > 0 {
                        cells.entry(row - 1).or_default().insert(col - 1, shown);
                    }
                }
            }
            Xml::Open("v", _) if cell.is_some() => target = Target::Value,
            Xml::Open("is", _) if cell.is_some() => target = Target::Inline,
            Xml::Close("v" | "is") => target = Target::None,
            Xml::Open("rPh", _) => phonetic += 1,
            Xml::Close("rPh") => phonetic = phonetic.saturating_sub(1),
            Xml::Text(t) => match target {
                Target::Value => value.push_str(t),
                Target::Inline if phonetic == 0 => inline.push_str(t),
                _ => {}
            },
            Xml::Open("mergeCell", e) => {
                let range = attr(e, "ref").unwrap_or_default();
                let (a, b) = range.split_once(':').unwrap_or((&range, &range));
                if let (Some((c1, r1)), Some((c2, r2))) = (cell_ref(a), cell_ref(b)) {
                    let (r1, r2) = (r1.min(r2), r1.max(r2));
                    let (c1, c2) = (c1.min(c2), c1.max(c2));
                    merges.push((r1, c1, r2, c2));
                }
            }
            _ => {}
        })
        .ok()?;
        Some(grid_rows(&cells, &merges))
    }

    /// What a cell shows, by its type (`t`), style (`s`), cached value and
    /// inline string.
    fn show(&self, ty: Option<&str>, style: Option<usize>, value: &str, inline: &str) -> String {
        match ty {
            Some("s") => value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| self.shared.get(i))
                .cloned()
                .unwrap_or_default(),
            Some("inlineStr") => unescape_ooxml(inline),
            Some("str" | "e") => unescape_ooxml(value),
            Some("b") => match value.trim() {
                "1" => "TRUE".to_string(),
                "0" => "FALSE".to_string(),
                v => v.to_string(),
            },
            Some("d") => iso_date(value).unwrap_or_else(|| value.to_string()),
            _ => self.number(value, self.styles.shown(style)),
        }
    }

    /// A number cell's cached value as shown.
    fn number(&self, value: &str, shown: Shown) -> String {
        let Ok(n) = value.trim().parse::<f64>() else {
            return value.to_string();
        };
        if !n.is_finite() {
            return value.to_string();
        }
        match shown {
            Shown::Date => serial_date(n, self.date1904).unwrap_or_else(|| n.to_string()),
            Shown::Percent(d) => format!("{:.*}%", d, n * 100.0),
            Shown::Number => n.to_string(),
        }
    }
}

#[derive(Clone, Copy)]
enum Target {
    None,
    Value,
    Inline,
}

/// A cell reference ("B3", "$B$3") as (column, row), both from 0.
fn cell_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: usize = digits.parse().ok()?;
    (row >= 1).then(|| (col - 1, row - 1))
}

/// A date from an Excel serial number (days since 30 December 1899, counting
/// Excel's phantom 29 February 1900; or since 1 January 1904), as dd/mm/yyyy.
fn serial_date(serial: f64, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    // Days from 1970-01-01 back to each system's day 0.
    let unix = if date1904 {
        days - 24_107
    } else if days >= 61 {
        days - 25_569
    } else {
        // Before Excel's 29 February 1900, day 1 is 1 January 1900.
        days - 25_568
    };
    if !date1904 && days == 60 {
        return Some("29/02/1900".to_string());
    }
    Some(dmy(Date::from_days_since_epoch(unix)))
}

fn dmy(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// An ISO date ("2009-10-31" or "2009-10-31T00:00:00") as dd/mm/yyyy.
fn iso_date(value: &str) -> Option<String> {
    let day = value.trim().get(..10)?;
    Date::parse_iso(day).ok().map(dmy)
}

/// A sheet's cells as grid rows: rows holding a value, columns from the first
/// one holding a value, merges as spans (see the module docs).
fn grid_rows(cells: &Cells, merges: &[(usize, usize, usize, usize)]) -> Vec<Vec<GridCell>> {
    let Some(first_col) = cells
        .values()
        .filter_map(|r| r.keys().next())
        .min()
        .copied()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (&r, row) in cells {
        let here: Vec<&(usize, usize, usize, usize)> = merges
            .iter()
            .filter(|m| m.0 <= r && r <= m.2 && m.3 >= first_col)
            .collect();
        let last_value = row.keys().next_back().copied().unwrap_or(first_col);
        let end = here
            .iter()
            .filter(|m| m.0 == r)
            .map(|m| m.3)
            .fold(last_value, usize::max);
        let mut cells_out = Vec::new();
        let mut c = first_col;
        while c <= end {
            let merge = here.iter().find(|m| m.1 <= c && c <= m.3);
            match merge {
                Some(m) if m.0 == r => {
                    // The merge's first row: one cell as wide as the merge,
                    // holding its top-left value.
                    let from = m.1.max(first_col);
                    let text = row.get(&m.1).map(String::as_str).unwrap_or_default();
                    cells_out.push(GridCell::spanning(text, m.3 - from + 1));
                    c = m.3 + 1;
                }
                Some(_) => {
                    cells_out.push(GridCell::of_paragraphs(Vec::new(), 1));
                    c += 1;
                }
                None => {
                    let text = row.get(&c).map(String::as_str).unwrap_or_default();
                    cells_out.push(GridCell::new(text));
                    c += 1;
                }
            }
        }
        out.push(cells_out);
    }
    out
}

// ---------------------------------------------------------------------------
// The worker's reply: what `read_file` found, as one JSON string, so the page
// can read a file in a Web Worker (`src/bin/waymark-office.rs`) and take the
// answer back without the readers in its own wasm.

/// [`read_file`]'s answer as JSON: `{"kind":"Word","grids":[{"heading":…,
/// "rows":[[{"paragraphs":[…],"colspan":1},…],…]},…]}`, or `{"error":"…"}`
/// holding the error's message.
pub fn reply_json(result: &Result<(FileKind, Vec<Grid>), OfficeError>) -> String {
    use serde_json::{json, Value};
    let value = match result {
        Ok((kind, grids)) => {
            let grids: Vec<Value> = grids
                .iter()
                .map(|g| {
                    let rows: Vec<Value> = g
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| json!({"paragraphs": c.paragraphs, "colspan": c.colspan}))
                                .collect()
                        })
                        .collect();
                    json!({"heading": g.heading, "rows": rows})
                })
                .collect();
            json!({"kind": format!("{kind:?}"), "grids": grids})
        }
        Err(e) => json!({"error": e.to_string()}),
    };
    value.to_string()
}

/// A reply from [`reply_json`] read back: the kind and grids, or the message
/// to show. A reply that is not one (it cannot happen between this app's own
/// page and worker) is an error saying to reload.
pub fn parse_reply(json: &str) -> Result<(FileKind, Vec<Grid>), String> {
    let garbled = || {
        "The file reader gave an answer Waymark cannot read. Reload the page and try again."
            .to_string()
    };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|_| garbled())?;
    if let Some(message) = value.get("error").and_then(|e| e.as_str()) {
        return Err(message.to_string());
    }
    let kind = match value.get("kind").and_then(|k| k.as_str()) {
        Some("Word") => FileKind::Word,
        Some("Excel") => FileKind::Excel,
        Some("Text") => FileKind::Text,
        _ => return Err(garbled()),
    };
    let strings = |v: &serde_json::Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    let grids = value
        .get("grids")
        .and_then(|g| g.as_array())
        .ok_or_else(garbled)?
        .iter()
        .map(|g| {
            let rows = g
                .get("rows")?
                .as_array()?
                .iter()
                .map(|r| {
                    r.as_array()?
                        .iter()
                        .map(|c| {
                            Some(GridCell {
                                paragraphs: strings(c.get("paragraphs")?)?,
                                colspan: usize::try_from(c.get("colspan")?.as_u64()?).ok()?,
                            })
                        })
                        .collect::<Option<Vec<GridCell>>>()
                })
                .collect::<Option<Vec<Vec<GridCell>>>>()?;
            Some(Grid {
                heading: g.get("heading")?.as_str()?.to_string(),
                rows,
            })
        })
        .collect::<Option<Vec<Grid>>>()
        .ok_or_else(garbled)?;
    Ok((kind, grids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("$AB$12"), Some((27, 11)));
        assert_eq!(cell_ref("XFD1048576"), Some((16383, 1_048_575)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }

    #[test]
    fn serial_dates_in_both_systems() {
        assert_eq!(serial_date(40117.0, false).as_deref(), Some("31/10/2009"));
        assert_eq!(serial_date(40117.75, false).as_deref(), Some("31/10/2009"));
        assert_eq!(serial_date(1.0, false).as_deref(), Some("01/01/1900"));
        assert_eq!(serial_date(59.0, false).as_deref(), Some("28/02/1900"));
        assert_eq!(serial_date(60.0, false).as_deref(), Some("29/02/1900"));
        assert_eq!(serial_date(61.0, false).as_deref(), Some("01/03/1900"));
        assert_eq!(serial_date(38655.0, true).as_deref(), Some("31/10/2009"));
        assert_eq!(serial_date(-1.0, false), None);
    }

    #[test]
    fn custom_number_formats() {
        assert_eq!(shown_by_code("dd/mm/yyyy"), Shown::Date);
        assert_eq!(shown_by_code("[$-F800]dddd, mmmm dd, yyyy"), Shown::Date);
        assert_eq!(shown_by_code("0.0%"), Shown::Percent(1));
        assert_eq!(shown_by_code("#,##0\" days\""), Shown::Number);
        assert_eq!(shown_by_code("[Red]0.00;\\d0"), Shown::Number);
        assert_eq!(shown_by_code("h:mm"), Shown::Number);
        // An escaped letter is text, not a day.
        assert_eq!(shown_by_code("0\\d"), Shown::Number);
        assert_eq!(shown_by_code("0.00\\d%"), Shown::Percent(2));
    }

    #[test]
    fn excel_escapes() {
        assert_eq!(unescape_ooxml("a_x000D_\nb"), "a\r\nb");
        assert_eq!(
            unescape_ooxml("_x005F_x000D_"),
            "__x000D_".replacen("__", "_", 1)
        );
        assert_eq!(unescape_ooxml("ref_x12"), "ref_x12");
        assert_eq!(unescape_ooxml("_x00410"), "_x00410");
        assert_eq!(unescape_ooxml("_x00G1_"), "_x00G1_");
        assert_eq!(unescape_ooxml("_x0041_b"), "Ab");
        assert_eq!(unescape_ooxml("plain"), "plain");
    }

    #[test]
    fn list_labels() {
        assert_eq!(format_number_as(3, "decimalZero"), "03");
        assert_eq!(format_number_as(4, "lowerRoman"), "iv");
        assert_eq!(format_number_as(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(format_number_as(28, "lowerLetter"), "bb");
        assert_eq!(format_number_as(7, "decimal"), "7");
    }

    #[test]
    fn package_paths() {
        assert_eq!(rels_path("/xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/", "/xl/sheet.xml"), "xl/sheet.xml");
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(stem("C:\\plans\\Tracker 2009.csv"), "Tracker 2009");
        assert_eq!(stem("notes"), "notes");
    }

    #[test]
    fn text_encodings() {
        assert_eq!(decode_text(b"a,\x80\xa3").as_deref(), Some("a,€£"));
        assert_eq!(
            decode_text(&[0xFF, 0xFE, b'a', 0, b'\t', 0, b'b', 0]).as_deref(),
            Some("a\tb")
        );
        assert_eq!(decode_text(b"a\0b"), None);
        assert_eq!(decode_text(b"a\x81b"), None);
    }
}
