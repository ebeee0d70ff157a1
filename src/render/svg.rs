//! Charts drawn by kurator itself as SVG text: the same markup goes inline into the HTML pages
//! and, through `image(bytes(..), format: "svg")`, into the PDFs, so both show one picture and
//! nothing is fetched or run in the browser. Text names the embedded serif face, which typst
//! has and browsers fall back from to their Times.

use super::escape_markup;
use std::fmt::Write as _;

const FONT: &str = "Liberation Serif, Times New Roman, serif";
const COLOURS: [&str; 3] = ["#2f5d8a", "#c0603a", "#5b8a3a"];

/// One bar: its label and value (`None` draws «—», nothing was counted).
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label on the left.
    pub label: String,
    /// Value in per cent, 0–100.
    pub value: Option<f64>,
    /// Text after the bar, e.g. «3 из 4».
    pub note: String,
}

/// Horizontal bars of per-cent values, one row each, labels on the left.
pub fn bars(title: &str, bars: &[Bar]) -> String {
    let (label_w, bar_w, row_h, top) = (230.0, 300.0, 24.0, 34.0);
    let width = label_w + bar_w + 110.0;
    let height = top + row_h * bars.len() as f64 + 10.0;
    let mut svg = open(width, height, title);
    for (i, bar) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let text_y = y + row_h * 0.65;
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{text_y:.1}" font-size="12" text-anchor="end">{}</text>"#,
            label_w - 8.0,
            escape_markup(&bar.label)
        );
        let _ = write!(
            svg,
            r##"<rect x="{label_w:.1}" y="{:.1}" width="{bar_w:.1}" height="{:.1}" fill="#eeeeee"/>"##,
            y + 4.0,
            row_h - 8.0
        );
        let value = bar.value.unwrap_or(0.0).clamp(0.0, 100.0);
        let _ = write!(
            svg,
            r#"<rect x="{label_w:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
            y + 4.0,
            bar_w * value / 100.0,
            row_h - 8.0,
            COLOURS[0]
        );
        let text = match bar.value {
            Some(_) => format!(
                "{} {}",
                crate::indicators::percent_text(bar.value),
                bar.note
            ),
            None => "—".to_owned(),
        };
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{text_y:.1}" font-size="12">{}</text>"#,
            label_w + bar_w + 6.0,
            escape_markup(text.trim())
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Name in the legend.
    pub name: String,
    /// One value per x label; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// Lines over a row of labels (quarters), the y axis from 0 to the largest value.
pub fn lines(title: &str, labels: &[String], series: &[Series]) -> String {
    let (left, right, top, plot_h) = (44.0, 16.0, 34.0, 180.0);
    let step = 64.0;
    let width = (left + right + step * labels.len().max(2) as f64).max(420.0);
    let height = top + plot_h + 40.0 + 18.0 * series.len() as f64;
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0_f64, |a, b| a.max(*b));
    let whole = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .all(|v| v.fract() == 0.0);
    // Counts get whole-number ticks: the four steps of the axis must divide its top.
    let max = match whole {
        true => (nice_max(max) / 4.0).ceil() * 4.0,
        false => nice_max(max),
    };
    let mut svg = open(width, height, title);
    let y_of = |v: f64| top + plot_h - plot_h * v / max;
    let x_of = |i: usize| left + step * (i as f64 + 0.5);
    for tick in 0..=4 {
        let v = max * f64::from(tick) / 4.0;
        let y = y_of(v);
        let _ = write!(
            svg,
            r##"<line x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"##,
            width - right,
            left - 6.0,
            y + 4.0,
            number(v)
        );
    }
    for (i, label) in labels.iter().enumerate() {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"#,
            x_of(i),
            top + plot_h + 16.0,
            escape_markup(label)
        );
    }
    for (n, s) in series.iter().enumerate() {
        let colour = COLOURS[n % COLOURS.len()];
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x_of(i), y_of(v))))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            points.join(" ")
        );
        for (i, v) in s.values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"/>"#,
                    x_of(i),
                    y_of(*v)
                );
            }
        }
        let y = top + plot_h + 36.0 + 18.0 * n as f64;
        let _ = write!(
            svg,
            r#"<rect x="{left:.1}" y="{:.1}" width="14" height="4" fill="{colour}"/><text x="{:.1}" y="{y:.1}" font-size="12">{}</text>"#,
            y - 5.0,
            left + 20.0,
            escape_markup(&s.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(width: f64, height: f64, title: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT}" role="img" aria-label="{title}"><title>{title}</title><text x="0" y="18" font-size="14" font-weight="bold">{title}</text>"#,
        title = escape_markup(title)
    )
}

/// The axis maximum: the value rounded up to 1, 2 or 5 times a power of ten (at least 1).
fn nice_max(value: f64) -> f64 {
    if value <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|m| *m >= value)
        .unwrap_or(10.0 * power)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_their_value_and_escape_labels() {
        let svg = bars(
            "Доли <в> срок",
            &[
                Bar {
                    label: "A & B".into(),
                    value: Some(50.0),
                    note: "(1 из 2)".into(),
                },
                Bar {
                    label: "C".into(),
                    value: None,
                    note: String::new(),
                },
            ],
        );
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("Доли &lt;в&gt; срок"));
        assert!(svg.contains(">A &amp; B<"));
        assert!(svg.contains(r#"width="150.0""#), "half of the 300 bar");
        assert!(svg.contains(">50 % (1 из 2)<"));
        assert!(svg.contains(">—<"));
    }

    #[test]
    fn lines_put_the_largest_value_at_the_top() {
        let svg = lines(
            "Семьи",
            &["1 кв.".into(), "2 кв.".into()],
            &[Series {
                name: "на учёте".into(),
                values: vec![Some(5.0), Some(10.0)],
            }],
        );
        assert!(svg.contains(r#"points="76.0,139.0 140.0,64.0""#), "{svg}");
        assert!(
            svg.contains(">3<") && svg.contains(">12<"),
            "whole ticks up to 12"
        );
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(13.0), 20.0);
        assert_eq!(nice_max(100.0), 100.0);
    }
}
