//! Inline SVG charts drawn on the server: no script, no CDN.
//!
//! Each chart is a `viewBox` with `width="100%"`, so it scales to a phone's width and
//! prints crisp; it carries `role="img"`, an `aria-label` and a `<title>` for screen
//! readers, and every text it shows is escaped here (the templates insert it with
//! `|safe`). Colours come from CSS classes (`chart-*` in app.css) so print styles can
//! change them; shapes also differ by more than colour (labels and values are written).

use std::fmt::Write;

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn open(out: &mut String, width: u32, height: u32, class: &str, label: &str) {
    let label = escape(label);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {class}" viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="{label}"><title>{label}</title>"#
    );
}

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    /// A CSS class suffix: `chart-bar-{class}` (e.g. the status code).
    pub class: String,
}

/// Horizontal bars, one row each: label, bar, value. Horizontal because Vietnamese
/// labels are long and a phone is narrow.
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    const W: u32 = 320;
    const ROW: u32 = 26;
    const LABEL_W: f64 = 128.0;
    const VALUE_W: f64 = 40.0;
    let height = ROW * bars.len().max(1) as u32 + 4;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let span = f64::from(W) - LABEL_W - VALUE_W;
    let mut out = String::new();
    let summary: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.value))
        .collect();
    open(
        &mut out,
        W,
        height,
        "chart-bars",
        &format!("{title}. {}", summary.join("; ")),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as u32 * ROW + 2;
        let w = (b.value as f64 / max * span).max(if b.value > 0 { 2.0 } else { 0.0 });
        let _ = write!(
            out,
            r#"<text class="chart-label" x="{x}" y="{ty}" text-anchor="end">{label}</text><rect class="chart-bar chart-bar-{class}" x="{bx}" y="{y}" width="{w:.1}" height="{h}" rx="2"/><text class="chart-value" x="{vx:.1}" y="{ty}">{value}</text>"#,
            x = LABEL_W - 6.0,
            ty = y + 16,
            label = escape(&b.label),
            class = escape(&b.class),
            bx = LABEL_W,
            h = ROW - 8,
            vx = LABEL_W + w + 4.0,
            value = b.value,
        );
    }
    out.push_str("</svg>");
    out
}

/// One bar of amounts of money: the value scales the bar, `shown` is written beside it
/// ("32.000.000 ₫").
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyBar {
    /// What the bar is, read out and shown on hover ("Phòng QLDS: Đã chi").
    pub label: String,
    /// What is written beside the bar: the row's name, cut to fit, or empty for a bar that
    /// continues the row above (a legend says which colour is which).
    pub caption: String,
    pub value: i64,
    pub shown: String,
    /// A CSS class suffix: `chart-bar-{class}` (planned, contracted, paid, settled).
    pub class: &'static str,
}

/// The characters of a caption that fit the label column (12px text in 150 units).
const LABEL_CHARS: usize = 22;

/// `s` cut to `n` characters, the cut said by "…" (the whole is in the bar's title).
fn fit(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(n.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Horizontal bars of money, one row each: label, bar, amount. A wider value column than
/// [`bar_chart`]'s, for amounts in đồng.
pub fn money_chart(title: &str, bars: &[MoneyBar]) -> String {
    const W: u32 = 420;
    const ROW: u32 = 22;
    const LABEL_W: f64 = 150.0;
    const VALUE_W: f64 = 110.0;
    let height = ROW * bars.len().max(1) as u32 + 4;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let span = f64::from(W) - LABEL_W - VALUE_W;
    let summary: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.shown))
        .collect();
    let mut out = String::new();
    open(
        &mut out,
        W,
        height,
        "chart-bars",
        &format!("{title}. {}", summary.join("; ")),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as u32 * ROW + 2;
        let w = (b.value.max(0) as f64 / max * span).max(if b.value > 0 { 2.0 } else { 0.0 });
        let _ = write!(
            out,
            r#"<g><title>{title}: {shown}</title><text class="chart-label" x="{x}" y="{ty}" text-anchor="end">{label}</text><rect class="chart-bar chart-bar-{class}" x="{bx}" y="{y}" width="{w:.1}" height="{h}" rx="2"/><text class="chart-value" x="{vx:.1}" y="{ty}">{shown}</text></g>"#,
            x = LABEL_W - 6.0,
            ty = y + 14,
            title = escape(&b.label),
            label = escape(&fit(&b.caption, LABEL_CHARS)),
            class = escape(b.class),
            bx = LABEL_W,
            h = ROW - 8,
            vx = LABEL_W + w + 4.0,
            shown = escape(&b.shown),
        );
    }
    out.push_str("</svg>");
    out
}

/// A target's band: a scale from 0 to a little past the larger of the maximum and the
/// actual, the min–max band shaded, and a marker at the actual. `label` is read out
/// ("Số phiên họp: 21, chỉ tiêu 20–30 cuộc").
pub fn target_band(label: &str, min: Option<f64>, max: Option<f64>, actual: Option<f64>) -> String {
    const W: u32 = 320;
    const H: u32 = 40;
    const PAD: f64 = 8.0;
    let top = [min, max, actual]
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let scale_max = if top <= 0.0 { 1.0 } else { top * 1.15 };
    let span = f64::from(W) - 2.0 * PAD;
    let x = |v: f64| PAD + (v.clamp(0.0, scale_max) / scale_max) * span;
    let mut out = String::new();
    open(&mut out, W, H, "chart-band", label);
    let _ = write!(
        out,
        r#"<rect class="chart-track" x="{PAD}" y="12" width="{span:.1}" height="10" rx="2"/>"#
    );
    let lo = min.filter(|v| v.is_finite()).unwrap_or(0.0);
    let hi = max.filter(|v| v.is_finite()).unwrap_or(scale_max);
    if min.is_some() || max.is_some() {
        let _ = write!(
            out,
            r#"<rect class="chart-range" x="{:.1}" y="12" width="{:.1}" height="10"/>"#,
            x(lo),
            (x(hi) - x(lo)).max(2.0)
        );
    }
    if let Some(a) = actual.filter(|v| v.is_finite()) {
        let ax = x(a);
        let _ = write!(
            out,
            r#"<path class="chart-marker" d="M{ax:.1} 6 L{l:.1} 0 L{r:.1} 0 Z M{ax:.1} 6 L{ax:.1} 28" /><text class="chart-value" x="{ax:.1}" y="37" text-anchor="middle">{v}</text>"#,
            l = ax - 5.0,
            r = ax + 5.0,
            v = escape(&domain::format_number(a)),
        );
    }
    out.push_str("</svg>");
    out
}

/// A progress bar for a percent (clamped to 0–100).
pub fn progress_bar(label: &str, percent: u8) -> String {
    const W: u32 = 320;
    const H: u32 = 14;
    let p = f64::from(percent.min(100));
    let mut out = String::new();
    open(&mut out, W, H, "chart-progress", &format!("{label}: {p}%"));
    let _ = write!(
        out,
        r#"<rect class="chart-track" x="0" y="2" width="{W}" height="10" rx="3"/><rect class="chart-fill" x="0" y="2" width="{:.1}" height="10" rx="3"/>"#,
        p / 100.0 * f64::from(W)
    );
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parses(svg: &str) {
        // Balanced, well-formed enough for a browser: one root, no raw '<' in text.
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains(r#"viewBox=""#) && svg.contains(r#"width="100%""#));
        assert!(svg.contains(r#"role="img""#) && svg.contains("<title>"));
    }

    #[test]
    fn money_bars_write_the_amount_and_scale_to_the_largest() {
        let bar = |label: &str, value: i64| MoneyBar {
            label: label.into(),
            caption: label.into(),
            value,
            shown: domain::format_vnd(value),
            class: "planned",
        };
        let svg = money_chart(
            "Kinh phí",
            &[bar("Phòng <QLDS>", 32_000_000), bar("Bảo tàng", 0)],
        );
        parses(&svg);
        assert!(svg.contains("32.000.000 ₫") && svg.contains("Phòng &lt;QLDS&gt;"));
        assert!(svg.contains(r#"width="160.0""#) && svg.contains(r#"width="0.0""#));
    }

    #[test]
    fn long_captions_are_cut_and_kept_whole_in_the_title() {
        let name = "Trung tâm Bảo tồn Di sản Thăng Long - Hà Nội";
        let svg = money_chart(
            "Kinh phí",
            &[MoneyBar {
                label: format!("{name}: Đã chi"),
                caption: name.into(),
                value: 5,
                shown: "5 ₫".into(),
                class: "paid",
            }],
        );
        parses(&svg);
        assert!(svg.contains(">Trung tâm Bảo tồn Di …</text>"), "{svg}");
        assert!(svg.contains(&format!("<title>{name}: Đã chi: 5 ₫</title>")));
        assert_eq!(fit("Hà Nội", 22), "Hà Nội");
        assert_eq!(fit("abcdef", 4).chars().count(), 4);
    }

    #[test]
    fn bars_escape_labels_and_scale_to_the_largest() {
        let svg = bar_chart(
            "Nhiệm vụ theo trạng thái",
            &[
                Bar {
                    label: "Hoàn thành".into(),
                    value: 10,
                    class: "done".into(),
                },
                Bar {
                    label: "<script>alert(1)</script>".into(),
                    value: 5,
                    class: "x\"onload=\"y".into(),
                },
                Bar {
                    label: "Tạm dừng".into(),
                    value: 0,
                    class: "suspended".into(),
                },
            ],
        );
        parses(&svg);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!svg.contains("x\"onload"));
        assert!(svg.contains("Hoàn thành: 10; "), "summary read out: {svg}");
        // The largest bar spans the drawing width (320 - 128 - 40 = 152).
        assert!(svg.contains(r#"width="152.0""#), "{svg}");
        assert!(svg.contains(r#"width="76.0""#));
        assert!(svg.contains(r#"width="0.0""#), "zero draws nothing");
    }

    #[test]
    fn empty_bar_chart_is_still_valid() {
        parses(&bar_chart("x", &[]));
    }

    #[test]
    fn band_places_the_range_and_the_actual() {
        let svg = target_band(
            "Phiên họp: 21, chỉ tiêu 20–30",
            Some(20.0),
            Some(30.0),
            Some(21.0),
        );
        parses(&svg);
        assert!(svg.contains("chart-range") && svg.contains("chart-marker"));
        assert!(svg.contains(">21</text>"));
        assert!(svg.contains("aria-label=\"Phiên họp: 21, chỉ tiêu 20–30\""));
        // Scale max = 30 × 1.15 = 34.5 over 304 units: 20 → 8 + 176.2 = 184.2.
        assert!(svg.contains(r#"x="184.2""#), "{svg}");
        // No actual: no marker. Nonsense values do not break the drawing.
        let none = target_band("x", Some(3.0), None, None);
        parses(&none);
        assert!(!none.contains("chart-marker"));
        let odd = target_band("x", Some(f64::NAN), Some(f64::INFINITY), Some(-5.0));
        parses(&odd);
        assert!(!odd.contains("NaN") && !odd.contains("inf"));
        assert!(odd.contains(">-5</text>"));
    }

    #[test]
    fn progress_clamps() {
        let svg = progress_bar("Tiến độ <1.1>", 250);
        parses(&svg);
        assert!(svg.contains("Tiến độ &lt;1.1&gt;: 100%"));
        assert!(svg.contains(r#"class="chart-fill" x="0" y="2" width="320.0""#));
    }
}
