//! `core::grid`: tables as they come in, read into cells of paragraphs.

use waymark::core::grid::{Grid, GridCell};

fn paras(g: &Grid, r: usize, c: usize) -> Vec<&str> {
    g.rows[r][c].paragraphs.iter().map(String::as_str).collect()
}

#[test]
fn excel_tsv_keeps_a_quoted_multi_line_cell_as_one_cell_of_paragraphs() {
    let text = "Ref\tMilestones\tLead\r\n1.1\t\"Qtr1: agree scope\r\nQtr2: \"\"pilot\"\" in two teams\"\tJ Smith\r\n";
    let g = Grid::from_text(text);
    assert_eq!(g.rows.len(), 2);
    assert_eq!(
        paras(&g, 1, 1),
        ["Qtr1: agree scope", "Qtr2: \"pilot\" in two teams"]
    );
    assert_eq!(g.rows[1][2].text(), "J Smith");
}

#[test]
fn csv_is_read_when_there_is_no_tab_and_rows_may_differ_in_length() {
    let g = Grid::from_text("\u{feff}a,\"b, c\"\n1\n");
    assert_eq!(g.text_rows(), vec![vec!["a", "b, c"], vec!["1"]]);
    assert_eq!(g.width(), 2);
}

#[test]
fn a_cell_is_trimmed_and_its_spaces_squeezed_and_empty_paragraphs_dropped() {
    let c = GridCell::new("  one\u{a0}\u{a0}two \n\n  three  ");
    assert_eq!(c.paragraphs, ["one two", "three"]);
    assert_eq!(c.text(), "one two three");
    assert!(GridCell::new(" \n ").is_empty());
}

#[test]
fn a_spanning_cell_lines_up_with_the_columns_it_covers() {
    let g = Grid {
        heading: String::new(),
        rows: vec![
            vec![GridCell::new("a"), GridCell::new("b"), GridCell::new("c")],
            vec![GridCell::spanning("Priority 3", 3)],
            vec![GridCell::spanning("x", 0), GridCell::new("y")],
        ],
    };
    assert_eq!(g.width(), 3);
    assert_eq!(
        g.text_rows(),
        vec![
            vec!["a", "b", "c"],
            vec!["Priority 3", "", ""],
            vec!["x", "y"]
        ]
    );
}
