//! Sparklines: a KPI's actuals as a small inline SVG polyline, drawn by the app.
//!
//! Geometry: the values are spread evenly across the width (the first at `pad`,
//! the last at `width − pad`, a single value in the middle); y is inverted so the
//! highest value sits at `pad` and the lowest at `height − pad`. A flat series sits
//! at `height / 2`. Missing values keep their place in x but get no point.

/// One point of a sparkline, in SVG user units (y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub provisional: bool,
}

/// Points for the available values, scaled into `width` × `height` with `pad` units
/// of padding; a missing value leaves a gap in x but no point. A flat series sits
/// in the middle. Returns no points if no value is available.
pub fn points(values: &[(Option<f64>, bool)], width: f64, height: f64, pad: f64) -> Vec<Point> {
    let finite = |v: &Option<f64>| v.filter(|x| x.is_finite());
    let available: Vec<f64> = values.iter().filter_map(|(v, _)| finite(v)).collect();
    if available.is_empty() {
        return Vec::new();
    }
    let width = if width.is_finite() {
        width.max(0.0)
    } else {
        0.0
    };
    let height = if height.is_finite() {
        height.max(0.0)
    } else {
        0.0
    };
    // Padding never more than half the box.
    let pad = if pad.is_finite() { pad.max(0.0) } else { 0.0 };
    let pad_x = pad.min(width / 2.0);
    let pad_y = pad.min(height / 2.0);
    let min = available.iter().copied().fold(f64::INFINITY, f64::min);
    let max = available.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = max - min;
    let inner_w = width - 2.0 * pad_x;
    let inner_h = height - 2.0 * pad_y;
    let n = values.len();
    values
        .iter()
        .enumerate()
        .filter_map(|(i, (v, provisional))| {
            let v = finite(v)?;
            let x = if n > 1 {
                pad_x + inner_w * i as f64 / (n - 1) as f64
            } else {
                width / 2.0
            };
            let y = if span > 0.0 && span.is_finite() {
                pad_y + inner_h * (max - v) / span
            } else {
                height / 2.0
            };
            Some(Point {
                x,
                y,
                provisional: *provisional,
            })
        })
        .collect()
}

/// A coordinate rounded to one decimal, without a trailing ".0" or a "-0".
fn coordinate(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let s = format!("{r:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

/// The SVG `points` attribute for a polyline through the points ("x1,y1 x2,y2").
pub fn polyline(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", coordinate(p.x), coordinate(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(x: f64) -> (Option<f64>, bool) {
        (Some(x), false)
    }

    #[test]
    fn empty_and_all_missing_give_no_points() {
        assert!(points(&[], 100.0, 20.0, 2.0).is_empty());
        assert!(points(&[(None, false), (None, true)], 100.0, 20.0, 2.0).is_empty());
        assert_eq!(polyline(&[]), "");
    }

    #[test]
    fn scales_into_the_box_with_y_inverted() {
        let p = points(&[v(10.0), v(20.0), v(15.0)], 100.0, 20.0, 2.0);
        assert_eq!(p.len(), 3);
        assert_eq!((p[0].x, p[0].y), (2.0, 18.0)); // lowest value at the bottom
        assert_eq!((p[1].x, p[1].y), (50.0, 2.0)); // highest at the top
        assert_eq!((p[2].x, p[2].y), (98.0, 10.0));
        assert_eq!(polyline(&p), "2,18 50,2 98,10");
    }

    #[test]
    fn missing_value_leaves_a_gap_in_x() {
        let p = points(&[v(1.0), (None, false), v(3.0)], 100.0, 20.0, 0.0);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].x, 0.0);
        assert_eq!(p[1].x, 100.0);
    }

    #[test]
    fn flat_series_and_single_value_sit_in_the_middle() {
        let p = points(&[v(5.0), v(5.0)], 60.0, 20.0, 2.0);
        assert!(p.iter().all(|p| p.y == 10.0));
        let one = points(&[v(7.0)], 60.0, 20.0, 2.0);
        assert_eq!((one[0].x, one[0].y), (30.0, 10.0));
    }

    #[test]
    fn provisional_is_carried() {
        let p = points(&[v(1.0), (Some(2.0), true)], 10.0, 10.0, 1.0);
        assert!(!p[0].provisional);
        assert!(p[1].provisional);
    }

    #[test]
    fn polyline_rounds_to_one_decimal() {
        let p = [
            Point {
                x: 1.234,
                y: 5.0,
                provisional: false,
            },
            Point {
                x: 33.333_333,
                y: -0.01,
                provisional: false,
            },
        ];
        assert_eq!(polyline(&p), "1.2,5 33.3,0");
    }

    proptest! {
        #[test]
        fn points_stay_inside_the_padded_box(
            vals in proptest::collection::vec(proptest::option::of(-1e6f64..1e6), 0..20),
            w in 10.0f64..500.0, h in 10.0f64..100.0, pad in 0.0f64..5.0,
        ) {
            let input: Vec<(Option<f64>, bool)> = vals.iter().map(|v| (*v, false)).collect();
            let p = points(&input, w, h, pad);
            prop_assert_eq!(p.len(), vals.iter().filter(|v| v.is_some()).count());
            for pt in &p {
                prop_assert!(pt.x >= pad - 1e-9 && pt.x <= w - pad + 1e-9);
                prop_assert!(pt.y >= pad - 1e-9 && pt.y <= h - pad + 1e-9);
            }
            // Higher value → smaller (or equal) y.
            let avail: Vec<f64> = vals.iter().flatten().copied().collect();
            for i in 0..p.len() {
                for j in 0..p.len() {
                    if avail[i] > avail[j] {
                        prop_assert!(p[i].y <= p[j].y);
                    }
                }
            }
        }
    }
}
