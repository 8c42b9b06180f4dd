//! `core::office`: a Word document's, an Excel workbook's and a CSV file's
//! tables read into grids, and files that are not what they claim refused in
//! plain words.
//!
//! The `.docx` and `.xlsx` files are made here, part by part, with the `zip`
//! crate's writer. `tests/fixtures/two-priorities.docx` is the same Word
//! document, committed for the browser test; regenerate it with
//! `cargo test --test office -- --ignored write_docx_fixture`.

use std::io::{Cursor, Write};
use waymark::core::grid::{Grid, GridCell};
use waymark::core::office::{read_file, read_tables, FileKind, OfficeError};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

/// A zip package of these parts, deflated (as Word and Excel write them).
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn content_types(overrides: &[(&str, &str)]) -> String {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="{CT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    for (part, ty) in overrides {
        s.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="application/vnd.openxmlformats-officedocument.{ty}"/>"#
        ));
    }
    s.push_str("</Types>");
    s
}

fn rels(list: &[(&str, &str, &str)]) -> String {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PR}">"#
    );
    for (id, ty, target) in list {
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{ty}" Target="{target}"/>"#
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// A paragraph of one run.
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A paragraph numbered in list `num` at level 0.
fn numbered(num: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

fn tc(content: &str) -> String {
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{content}</w:tc>"#)
}

fn tc_with(props: &str, content: &str) -> String {
    format!(r#"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"#)
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>{}</w:tbl>"#,
        rows.concat()
    )
}

/// A Word plan: a title, then two priorities, each a heading and a table.
fn docx() -> Vec<u8> {
    let table1 = tbl(&[
        tr(&[
            tc(&p("Ref")),
            tc(&p("Activity")),
            tc(&p("Milestones")),
            tc(&p("Lead(s)")),
        ]),
        tr(&[
            tc(&p("1.1")),
            tc(&(p("Agree the pledge") + &p("with the Children in Care Council"))),
            tc(r#"<w:p><w:r><w:t>Qtr1: draft</w:t><w:br/><w:t>Qtr2: agree</w:t></w:r></w:p>"#),
            tc(&p("J Smith &amp; A Patel")),
        ]),
        tr(&[tc_with(
            r#"<w:gridSpan w:val="4"/><w:shd w:fill="D9D9D9"/>"#,
            &p("Outcome 1.2: More stable placements"),
        )]),
        tr(&[
            tc(&p("1.2")),
            tc(&(numbered(1, "Continue to develop foster care") + &numbered(1, "Recruit carers"))),
            tc(&(numbered(2, "Review in March") + &p(""))),
            tc_with(r#"<w:vMerge w:val="restart"/>"#, &p("Head of Service")),
        ]),
        tr(&[
            tc(&p("1.3")),
            tc(&p("Track moves")),
            tc(r#"<w:p/>"#),
            tc_with("<w:vMerge/>", "<w:p/>"),
        ]),
    ]);
    let nested = tbl(&[tr(&[tc(&p("NI 112")), tc(&p("Under 18 conceptions"))])]);
    let table2 = tbl(&[
        tr(&[tc(&p("Ref")), tc(&p("Activity")), tc(&p("Measures"))]),
        tr(&[
            tc(&p("2.1")),
            tc(concat!(
                r#"<w:p><w:r><w:t>Open a</w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>n old</w:delText></w:r></w:del>"#,
                r#"<w:r><w:t xml:space="preserve"> clinic</w:t></w:r><w:r><w:tab/><w:t>(pilot)</w:t></w:r></w:p>"#
            )),
            tc(&(nested + "<w:p/>")),
        ]),
    ]);
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{}{}<w:p/>{}{}{}<w:p/><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:body></w:document>"#,
        p("Children and Young People's Plan 2009–10"),
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Priority 1: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Looked after children</w:t></w:r></w:p>"#,
        table1,
        p("Priority 2: Teenage pregnancy"),
        table2,
    );
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalZero"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#
    );
    package(&[
        (
            "[Content_Types].xml",
            &content_types(&[
                ("/word/document.xml", "wordprocessingml.document.main+xml"),
                ("/word/numbering.xml", "wordprocessingml.numbering+xml"),
            ]),
        ),
        (
            "_rels/.rels",
            &rels(&[("rId1", "officeDocument", "word/document.xml")]),
        ),
        ("word/document.xml", &document),
        (
            "word/_rels/document.xml.rels",
            &rels(&[("rId1", "numbering", "numbering.xml")]),
        ),
        ("word/numbering.xml", &numbering),
    ])
}

fn cell(paragraphs: &[&str]) -> GridCell {
    GridCell {
        paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        colspan: 1,
    }
}

fn empty() -> GridCell {
    cell(&[])
}

fn span(text: &str, colspan: usize) -> GridCell {
    GridCell {
        paragraphs: vec![text.to_string()],
        colspan,
    }
}

fn docx_grids() -> Vec<Grid> {
    vec![
        Grid {
            heading: "Priority 1: Looked after children".into(),
            rows: vec![
                vec![
                    cell(&["Ref"]),
                    cell(&["Activity"]),
                    cell(&["Milestones"]),
                    cell(&["Lead(s)"]),
                ],
                vec![
                    cell(&["1.1"]),
                    cell(&["Agree the pledge", "with the Children in Care Council"]),
                    cell(&["Qtr1: draft", "Qtr2: agree"]),
                    cell(&["J Smith & A Patel"]),
                ],
                vec![span("Outcome 1.2: More stable placements", 4)],
                vec![
                    cell(&["1.2"]),
                    cell(&["01. Continue to develop foster care", "02. Recruit carers"]),
                    cell(&["Review in March"]),
                    cell(&["Head of Service"]),
                ],
                vec![cell(&["1.3"]), cell(&["Track moves"]), empty(), empty()],
            ],
        },
        Grid {
            heading: "Priority 2: Teenage pregnancy".into(),
            rows: vec![
                vec![cell(&["Ref"]), cell(&["Activity"]), cell(&["Measures"])],
                vec![
                    cell(&["2.1"]),
                    cell(&["Open a clinic (pilot)"]),
                    cell(&["NI 112", "Under 18 conceptions"]),
                ],
            ],
        },
    ]
}

#[test]
fn a_word_plan_reads_to_its_tables_in_order_each_under_its_heading() {
    let (kind, grids) = read_file("plan.docx", &docx()).unwrap();
    assert_eq!(kind, FileKind::Word);
    assert_eq!(kind.name(), "Word document");
    assert_eq!(grids, docx_grids());
}

#[test]
fn what_the_bytes_are_decides_not_the_name() {
    assert_eq!(read_tables("plan.csv", &docx()).unwrap(), docx_grids());
    assert_eq!(read_tables("no extension", &xlsx()).unwrap(), xlsx_grids());
}

#[test]
fn the_committed_docx_fixture_is_the_document_made_here() {
    let bytes = std::fs::read("tests/fixtures/two-priorities.docx").unwrap();
    assert_eq!(
        read_tables("two-priorities.docx", &bytes).unwrap(),
        docx_grids()
    );
}

/// Regenerates `tests/fixtures/two-priorities.docx` (for the browser test).
#[test]
#[ignore]
fn write_docx_fixture() {
    std::fs::write("tests/fixtures/two-priorities.docx", docx()).unwrap();
}

#[test]
fn a_table_right_after_another_has_no_heading_and_a_table_in_a_content_control_is_read() {
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{}<w:p/><w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>{}<w:p><w:r><w:t>Closing words</w:t></w:r></w:p></w:body></w:document>"#,
        p("Priority 3: Youth offending"),
        tbl(&[tr(&[tc(&p("a"))])]),
        tbl(&[tr(&[tc(&p("b")), tc_with(r#"<w:gridSpan w:val="2"/>"#, &p("c"))])]),
        // A row that starts one grid column in (w:gridBefore) lines up.
        tbl(&[
            tr(&[tc(&p("x")), tc(&p("y"))]),
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>z</w:t></w:r></w:p></w:tc></w:tr>"#.to_string(),
        ]),
    );
    let bytes = package(&[
        (
            "[Content_Types].xml",
            &content_types(&[("/word/document.xml", "wordprocessingml.document.main+xml")]),
        ),
        ("word/document.xml", &document),
    ]);
    let grids = read_tables("p.docx", &bytes).unwrap();
    assert_eq!(
        grids,
        vec![
            Grid {
                heading: "Priority 3: Youth offending".into(),
                rows: vec![vec![cell(&["a"])]],
            },
            Grid {
                heading: String::new(),
                rows: vec![vec![cell(&["b"]), span("c", 2)]],
            },
            Grid {
                heading: String::new(),
                rows: vec![
                    vec![cell(&["x"]), cell(&["y"])],
                    vec![empty(), cell(&["z"])]
                ],
            },
        ]
    );
}

#[test]
fn a_text_box_or_drawing_in_a_cell_is_left_out_and_its_paragraph_kept() {
    let document = format!(
        r#"<w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Lead:</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>boxed</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> J Smith</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let bytes = package(&[
        (
            "[Content_Types].xml",
            &content_types(&[("/word/document.xml", "wordprocessingml.document.main+xml")]),
        ),
        ("word/document.xml", &document),
    ]);
    assert_eq!(
        read_tables("p.docx", &bytes).unwrap()[0].rows,
        vec![vec![cell(&["Lead: J Smith"])]]
    );
}

/// An Excel tracker: a merged title over a KPI table (shared strings, an
/// inline string, a percentage, a date, a formula's cached value, a cell of two
/// lines), a sheet of actions with a vertical merge, a hidden sheet and an
/// empty one.
fn xlsx() -> Vec<u8> {
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="{S}" xmlns:r="{R}"><workbookPr/><sheets>
<sheet name="KPIs 2009-10" sheetId="1" r:id="rId1"/>
<sheet name="Actions" sheetId="2" r:id="rId2"/>
<sheet name="Lists" sheetId="3" state="hidden" r:id="rId3"/>
<sheet name="Blank" sheetId="4" r:id="rId4"/>
</sheets></workbook>"#
    );
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="{S}" count="6" uniqueCount="6">
<si><t>Key indicators &amp; targets</t></si>
<si><t>Code</t></si>
<si><r><t>Value</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 2009</t></r></si>
<si><t>Line one
Line two</t></si>
<si><t>Ref</t></si>
<si><t>Lead</t></si>
</sst>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{S}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#
    );
    let sheet1 = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{S}"><dimension ref="B1:E5"/><sheetData>
<row r="1"><c r="B1" t="s"><v>0</v></c><c r="C1" s="0"/><c r="D1" s="0"/></row>
<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="inlineStr"><is><t>Target</t></is></c></row>
<row r="3"><c r="B3" t="inlineStr"><is><t>NI 112</t></is></c><c r="C3" s="1"><v>0.86</v></c><c r="D3"><v>42.50</v></c><c r="E3" s="3"><v>0.125</v></c></row>
<row r="4" spans="2:4"><c r="B4" s="2"/></row>
<row r="5"><c r="B5" t="s"><v>3</v></c><c r="C5" s="2"><v>40117</v></c><c r="D5"><f>D3*2</f><v>85</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B1:D1"/></mergeCells></worksheet>"#
    );
    let sheet2 = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="{S}"><sheetData>
<row r="1"><c r="A1" t="s"><v>4</v></c><c r="B1" t="s"><v>5</v></c><c r="C1" t="str"><v>Done?</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>1.1</t></is></c><c r="B2" t="inlineStr"><is><t>J Smith</t></is></c><c r="C2" t="b"><v>1</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>1.2</t></is></c><c r="C3" t="e"><v>#N/A</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells></worksheet>"#
    );
    let hidden = format!(
        r#"<worksheet xmlns="{S}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Red</t></is></c></row></sheetData></worksheet>"#
    );
    let blank = format!(r#"<worksheet xmlns="{S}"><sheetData/></worksheet>"#);
    package(&[
        (
            "[Content_Types].xml",
            &content_types(&[
                ("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
                ("/xl/worksheets/sheet1.xml", "spreadsheetml.worksheet+xml"),
                ("/xl/worksheets/sheet2.xml", "spreadsheetml.worksheet+xml"),
                ("/xl/worksheets/sheet3.xml", "spreadsheetml.worksheet+xml"),
                ("/xl/worksheets/sheet4.xml", "spreadsheetml.worksheet+xml"),
                ("/xl/sharedStrings.xml", "spreadsheetml.sharedStrings+xml"),
                ("/xl/styles.xml", "spreadsheetml.styles+xml"),
            ]),
        ),
        (
            "_rels/.rels",
            &rels(&[("rId1", "officeDocument", "xl/workbook.xml")]),
        ),
        ("xl/workbook.xml", &workbook),
        (
            "xl/_rels/workbook.xml.rels",
            &rels(&[
                ("rId1", "worksheet", "worksheets/sheet1.xml"),
                ("rId2", "worksheet", "/xl/worksheets/sheet2.xml"),
                ("rId3", "worksheet", "worksheets/sheet3.xml"),
                ("rId4", "worksheet", "worksheets/sheet4.xml"),
                ("rId5", "sharedStrings", "sharedStrings.xml"),
                ("rId6", "styles", "styles.xml"),
            ]),
        ),
        ("xl/worksheets/sheet1.xml", &sheet1),
        ("xl/worksheets/sheet2.xml", &sheet2),
        ("xl/worksheets/sheet3.xml", &hidden),
        ("xl/worksheets/sheet4.xml", &blank),
        ("xl/sharedStrings.xml", &shared),
        ("xl/styles.xml", &styles),
    ])
}

fn xlsx_grids() -> Vec<Grid> {
    vec![
        Grid {
            heading: "KPIs 2009-10".into(),
            rows: vec![
                vec![span("Key indicators & targets", 3)],
                vec![cell(&["Code"]), cell(&["Value 2009"]), cell(&["Target"])],
                vec![
                    cell(&["NI 112"]),
                    cell(&["86%"]),
                    cell(&["42.5"]),
                    cell(&["12.5%"]),
                ],
                vec![
                    cell(&["Line one", "Line two"]),
                    cell(&["31/10/2009"]),
                    cell(&["85"]),
                ],
            ],
        },
        Grid {
            heading: "Actions".into(),
            rows: vec![
                vec![cell(&["Ref"]), cell(&["Lead"]), cell(&["Done?"])],
                vec![cell(&["1.1"]), cell(&["J Smith"]), cell(&["TRUE"])],
                vec![cell(&["1.2"]), empty(), cell(&["#N/A"])],
            ],
        },
    ]
}

#[test]
fn an_excel_tracker_reads_to_a_grid_per_visible_sheet_with_values() {
    let (kind, grids) = read_file("tracker.xlsx", &xlsx()).unwrap();
    assert_eq!(kind, FileKind::Excel);
    assert_eq!(kind.name(), "Excel workbook");
    assert_eq!(grids, xlsx_grids());
}

#[test]
fn a_workbook_in_the_1904_date_system_shows_its_dates_right() {
    let workbook = format!(
        r#"<workbook xmlns="{S}" xmlns:r="{R}"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let styles = format!(
        r#"<styleSheet xmlns="{S}"><numFmts><numFmt numFmtId="170" formatCode="d\ mmm\ yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>"#
    );
    let sheet = format!(
        r#"<worksheet xmlns="{S}"><sheetData><row><c s="1"><v>38655</v></c><c t="d"><v>2010-03-31T00:00:00</v></c><c><v>1.5E-3</v></c></row></sheetData></worksheet>"#
    );
    let bytes = package(&[
        (
            "[Content_Types].xml",
            &content_types(&[("/xl/workbook.xml", "spreadsheetml.sheet.main+xml")]),
        ),
        ("xl/workbook.xml", &workbook),
        (
            "xl/_rels/workbook.xml.rels",
            &rels(&[("rId1", "worksheet", "s.xml"), ("rId2", "styles", "st.xml")]),
        ),
        ("xl/s.xml", &sheet),
        ("xl/st.xml", &styles),
    ]);
    assert_eq!(
        read_tables("x.xlsx", &bytes).unwrap()[0].rows,
        vec![vec![
            cell(&["31/10/2009"]),
            cell(&["31/03/2010"]),
            cell(&["0.0015"])
        ]]
    );
}

#[test]
fn a_csv_file_is_one_grid_headed_by_its_name() {
    let text = "Ref,Milestones\r\n1.1,\"Qtr1: scope\r\nQtr2: pilot\"\r\n,\r\n";
    let (kind, grids) = read_file("C:\\Users\\me\\Tracker 2009.csv", text.as_bytes()).unwrap();
    assert_eq!(kind, FileKind::Text);
    assert_eq!(kind.name(), "CSV file");
    assert_eq!(
        grids,
        vec![Grid {
            heading: "Tracker 2009".into(),
            rows: vec![
                vec![cell(&["Ref"]), cell(&["Milestones"])],
                vec![cell(&["1.1"]), cell(&["Qtr1: scope", "Qtr2: pilot"])],
            ],
        }]
    );
}

#[test]
fn a_csv_saved_by_excel_in_windows_1252_or_utf_16_reads_its_pound_signs() {
    let ansi = b"Item,Cost\r\nFoster care,\xa3120\x96\xa3150\r\n";
    assert_eq!(
        read_tables("costs.csv", ansi).unwrap()[0].rows[1],
        vec![cell(&["Foster care"]), cell(&["£120–£150"])]
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Item\tCost\r\nCare\t£5\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    assert_eq!(
        read_tables("costs.txt", &utf16).unwrap()[0].rows[1],
        vec![cell(&["Care"]), cell(&["£5"])]
    );
}

// --- Files that are not what they claim -------------------------------------

/// An OLE compound file holding these streams (just enough of one to be
/// recognised: its signature and its directory's UTF-16 names).
fn compound_file(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for s in streams {
        let mut entry: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

#[test]
fn a_password_protected_file_says_so() {
    let bytes = compound_file(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]);
    let err = read_tables("plan.docx", &bytes).unwrap_err();
    assert_eq!(err, OfficeError::Encrypted);
    assert!(err.to_string().contains("protected by a password"));
}

#[test]
fn a_word_97_document_or_excel_97_workbook_is_named_with_what_to_do() {
    let doc = read_tables(
        "plan.doc",
        &compound_file(&["Root Entry", "WordDocument", "1Table"]),
    )
    .unwrap_err();
    assert_eq!(
        doc.to_string(),
        "This is a Word 97–2003 document (.doc), an older format Waymark cannot read. \
         Open it in Word and save it as a Word Document (.docx), then choose the new file."
    );
    // Named .xlsx, but the bytes are an old workbook: the bytes decide.
    let xls = read_tables("tracker.xlsx", &compound_file(&["Root Entry", "Workbook"])).unwrap_err();
    assert!(xls
        .to_string()
        .starts_with("This is an Excel 97–2003 workbook (.xls)"));
}

#[test]
fn a_docx_that_is_not_a_zip_says_it_is_not_one() {
    let err = read_tables("plan.docx", b"Ref,Activity\n1.1,Agree").unwrap_err();
    assert_eq!(
        err,
        OfficeError::NotWhatItClaims {
            claimed: "a Word document",
            found: "it holds plain text"
        }
    );
    assert!(err.to_string().starts_with(
        "This file is named as a Word document, but it is not one: it holds plain text."
    ));
    let binary = read_tables("tracker.xlsx", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap_err();
    assert_eq!(
        binary,
        OfficeError::NotWhatItClaims {
            claimed: "an Excel workbook",
            found: "it is not a zip package, as every one is"
        }
    );
    assert_eq!(
        read_tables("photo.png", &[0x89, b'P', b'N', b'G', 0, 0]).unwrap_err(),
        OfficeError::NotRecognised
    );
}

#[test]
fn a_web_page_saved_as_a_word_file_and_a_pdf_are_named() {
    let html = b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body><table><tr><td>a</td></tr></table></body></html>";
    assert_eq!(
        read_tables("plan.doc", html).unwrap_err(),
        OfficeError::WebPage
    );
    let pdf = read_tables("plan.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap_err();
    assert!(pdf
        .to_string()
        .starts_with("This is a PDF, which Waymark cannot read."));
}

#[test]
fn a_zip_with_no_document_inside_says_so() {
    let bytes = package(&[("readme.txt", "hello"), ("data/x.csv", "a,b")]);
    let err = read_tables("plan.docx", &bytes).unwrap_err();
    assert_eq!(err, OfficeError::NoDocument);
    assert_eq!(
        err.to_string(),
        "The file is a zip package, but there is no Word document or Excel workbook inside it."
    );
    // Content types that name no main part.
    let bytes = package(&[("[Content_Types].xml", &content_types(&[]))]);
    assert_eq!(
        read_tables("plan.docx", &bytes).unwrap_err(),
        OfficeError::NoDocument
    );
}

#[test]
fn a_package_missing_its_main_part_or_with_broken_xml_is_damaged() {
    let types = content_types(&[("/word/document.xml", "wordprocessingml.document.main+xml")]);
    let missing = package(&[("[Content_Types].xml", &types)]);
    let err = read_tables("plan.docx", &missing).unwrap_err();
    assert_eq!(
        err,
        OfficeError::Damaged {
            part: "word/document.xml".into()
        }
    );
    assert!(err.to_string().starts_with(
        "The file is damaged or incomplete (its part “word/document.xml” cannot be read)"
    ));
    let broken = package(&[
        ("[Content_Types].xml", &types),
        ("word/document.xml", "<w:document><w:body><w:tbl></w:body>"),
    ]);
    assert_eq!(
        read_tables("plan.docx", &broken).unwrap_err(),
        OfficeError::Damaged {
            part: "word/document.xml".into()
        }
    );
}

#[test]
fn a_document_with_no_tables_or_a_workbook_with_no_values_says_so() {
    let types = content_types(&[("/word/document.xml", "wordprocessingml.document.main+xml")]);
    let doc = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}</w:body></w:document>"#,
        p("Hi")
    );
    let bytes = package(&[("[Content_Types].xml", &types), ("word/document.xml", &doc)]);
    let err = read_tables("plan.docx", &bytes).unwrap_err();
    assert_eq!(
        err,
        OfficeError::NoTables {
            kind: FileKind::Word
        }
    );
    assert_eq!(err.to_string(), "This Word document has no tables.");
    assert_eq!(
        read_tables("blank.csv", b"\r\n,,\r\n").unwrap_err(),
        OfficeError::NoTables {
            kind: FileKind::Text
        }
    );
}

#[test]
fn other_packages_are_named() {
    let pptx = package(&[(
        "[Content_Types].xml",
        &content_types(&[(
            "/ppt/presentation.xml",
            "presentationml.presentation.main+xml",
        )]),
    )]);
    assert!(read_tables("deck.pptx", &pptx)
        .unwrap_err()
        .to_string()
        .starts_with("This is a PowerPoint presentation, which Waymark cannot read."));
    let odt = package(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "<office:document-content/>"),
    ]);
    assert!(matches!(
        read_tables("plan.odt", &odt).unwrap_err(),
        OfficeError::Unsupported {
            what: "an OpenDocument file (.odt)",
            ..
        }
    ));
}

#[test]
fn an_empty_file_says_it_is_empty() {
    assert_eq!(
        read_tables("plan.docx", b"").unwrap_err(),
        OfficeError::Empty
    );
    assert_eq!(
        OfficeError::Empty.to_string(),
        "The file is empty: it holds nothing to read."
    );
}

#[test]
fn a_truncated_package_is_damaged_at_every_length_and_never_panics() {
    for bytes in [docx(), xlsx()] {
        for len in (1..bytes.len()).step_by(7) {
            let err = read_tables("plan.docx", &bytes[..len]).unwrap_err();
            assert!(
                matches!(
                    err,
                    OfficeError::Damaged { .. }
                        | OfficeError::NotWhatItClaims { .. }
                        | OfficeError::NoDocument
                ),
                "cut at {len}: {err:?}"
            );
        }
    }
}

/// A small deterministic generator, so a failure can be repeated.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn random_bytes_and_corrupted_packages_never_panic() {
    let mut rng = Lcg(13);
    for _ in 0..300 {
        let len = (rng.next() % 600) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if rng.next().is_multiple_of(2) && len >= 4 {
            bytes[..4].copy_from_slice(b"PK\x03\x04");
        }
        let _ = read_tables("x.docx", &bytes);
        let _ = read_tables("x.csv", &bytes);
    }
    for original in [docx(), xlsx()] {
        for _ in 0..200 {
            let mut bytes = original.clone();
            for _ in 0..1 + rng.next() % 4 {
                let i = (rng.next() as usize) % bytes.len();
                bytes[i] = rng.next() as u8;
            }
            // Any answer will do, as long as it is one.
            let _ = read_tables("x.xlsx", &bytes);
        }
    }
}

#[test]
fn word_numbering_counts_on_through_lists_of_one_definition_and_restarts_where_told() {
    let level1 = |num: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body>{}{}</w:body></w:document>"#,
        numbered(1, "Priority one"),
        tbl(&[
            tr(&[tc(&(level1(1, "Scope") + &level1(1, "Pilot")))]),
            // Another list of the same definition counts on; a restarted one
            // starts again; a level's sub-count restarts under a new parent.
            tr(&[tc(&(numbered(3, "Priority two") + &level1(3, "Review")))]),
            tr(&[tc(&(numbered(4, "Again") + &numbered(4, "And")))]),
        ]),
    );
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"#
    );
    let bytes = package(&[
        (
            "[Content_Types].xml",
            &content_types(&[("/word/document.xml", "wordprocessingml.document.main+xml")]),
        ),
        ("word/document.xml", &document),
        (
            "word/_rels/document.xml.rels",
            &rels(&[("rId9", "numbering", "/word/numbering.xml")]),
        ),
        ("word/numbering.xml", &numbering),
    ]);
    let grids = read_tables("n.docx", &bytes).unwrap();
    assert_eq!(grids[0].heading, "1. Priority one");
    assert_eq!(
        grids[0].rows,
        vec![
            vec![cell(&["1.a) Scope", "1.b) Pilot"])],
            vec![cell(&["2. Priority two", "2.a) Review"])],
            vec![cell(&["5. Again", "6. And"])],
        ]
    );
}

#[test]
fn the_workers_reply_carries_the_grids_and_the_message_back_unchanged() {
    use waymark::core::office::{parse_reply, reply_json};
    let read = read_file("plan.docx", &docx());
    assert_eq!(
        parse_reply(&reply_json(&read)),
        Ok((FileKind::Word, docx_grids()))
    );
    let read = read_file("tracker.xlsx", &xlsx());
    assert_eq!(
        parse_reply(&reply_json(&read)),
        Ok((FileKind::Excel, xlsx_grids()))
    );
    let refused = read_file("plan.docx", b"");
    assert_eq!(
        parse_reply(&reply_json(&refused)),
        Err("The file is empty: it holds nothing to read.".to_string())
    );
    let garbled = Err(
        "The file reader gave an answer Waymark cannot read. Reload the page and try again."
            .to_string(),
    );
    assert_eq!(parse_reply("not json"), garbled);
    assert_eq!(
        parse_reply(r#"{"kind":"Word","grids":[{"heading":"x"}]}"#),
        garbled
    );
    assert_eq!(parse_reply(r#"{"kind":"Pdf","grids":[]}"#), garbled);
}

#[test]
fn the_sixty_action_word_plan_reads_as_four_action_tables() {
    use waymark::core::action_paste::{read_table, ActionColumnRole};
    use waymark::core::paste::{reads_as_kpis, table_of_grid};
    let bytes = std::fs::read("tests/fixtures/sixty-actions.docx").unwrap();
    let grids = read_tables("sixty-actions.docx", &bytes).unwrap();
    assert_eq!(grids.len(), 4);
    for (i, g) in grids.iter().enumerate() {
        let t = read_table(g);
        assert!(
            t.roles.contains(&ActionColumnRole::Title),
            "table {}",
            i + 1
        );
        let header = t.header_rows.first().map(|n| n - 1);
        assert!(
            !reads_as_kpis(g, &table_of_grid(g), true, header),
            "table {} reads as actions",
            i + 1
        );
    }
    // Table 1's grouped header "Risk / RAG / Mitigation": each column by its own word.
    let roles = read_table(&grids[0]).roles;
    for role in [
        ActionColumnRole::Risk,
        ActionColumnRole::Rag,
        ActionColumnRole::Mitigation,
    ] {
        assert!(roles.contains(&role), "{role:?} in {roles:?}");
    }
}
