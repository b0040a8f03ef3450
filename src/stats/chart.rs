//! The report's picture: tickets opened and closed per day, the first-response distribution,
//! and replies per team member, drawn in-process as one PNG sized for a phone. The font is
//! embedded (DejaVu Sans): no system fonts, no network.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::figures::Figures;

/// The picture's size in pixels (portrait, for a phone screen).
pub const SIZE: (u32, u32) = (1080, 1500);

const FONT: &str = "sans-serif";
const OPENED_COLOR: RGBColor = RGBColor(33, 118, 210);
const CLOSED_COLOR: RGBColor = RGBColor(46, 160, 67);
const RESPONSE_COLOR: RGBColor = RGBColor(240, 140, 30);
const MEMBER_COLOR: RGBColor = RGBColor(120, 80, 200);
/// The most team members drawn (the text lists them all).
const MAX_MEMBERS: usize = 8;

/// The words on the picture, in the team's language.
#[derive(Clone, Debug)]
pub struct ChartLabels {
    /// The heading of the first panel, with the period.
    pub per_day: String,
    /// "opened".
    pub opened: String,
    /// "closed".
    pub closed: String,
    /// The heading of the second panel.
    pub first_response: String,
    /// The six buckets' names (see `RESPONSE_BUCKETS_MINUTES`).
    pub buckets: [String; 6],
    /// The heading of the third panel.
    pub replies_per_member: String,
    /// Shown in a panel with nothing to draw.
    pub no_data: String,
}

/// Why the picture could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("the chart could not be drawn: {0}")]
pub struct ChartError(String);

fn failed(error: impl std::fmt::Display) -> ChartError {
    ChartError(error.to_string())
}

/// Draws `figures` as a PNG.
pub fn draw(figures: &Figures, labels: &ChartLabels) -> Result<Vec<u8>, ChartError> {
    register_font()?;
    let (width, height) = SIZE;
    let mut pixels = vec![0u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let panels = root.split_evenly((3, 1));
        per_day(&panels[0], figures, labels)?;
        responses(&panels[1], figures, labels)?;
        members(&panels[2], figures, labels)?;
        root.present().map_err(failed)?;
    }
    encode_png(&pixels, width, height)
}

fn register_font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular())
                .map_err(|_| "the embedded font is unreadable".to_owned())
        })
        .clone()
        .map_err(ChartError)
}

type Panel<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

fn nothing_to_draw(area: &Panel<'_>, title: &str, labels: &ChartLabels) -> Result<(), ChartError> {
    let area = area.titled(title, (FONT, 34)).map_err(failed)?;
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        labels.no_data.clone(),
        (w as i32 / 2 - 60, h as i32 / 2),
        (FONT, 28).into_font().color(&BLACK.mix(0.5)),
    ))
    .map_err(failed)
}

fn per_day(area: &Panel<'_>, figures: &Figures, labels: &ChartLabels) -> Result<(), ChartError> {
    let days = &figures.days;
    let top = days
        .iter()
        .map(|d| d.opened.max(d.closed))
        .max()
        .unwrap_or(0);
    if top == 0 {
        return nothing_to_draw(area, &labels.per_day, labels);
    }
    let last = days.len().saturating_sub(1).max(1) as u32;
    let mut chart = ChartBuilder::on(area)
        .caption(&labels.per_day, (FONT, 34))
        .margin(24)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(0u32..last, 0u32..top + top / 5 + 1)
        .map_err(failed)?;
    let day_label = |index: &u32| {
        days.get(*index as usize)
            .map(|d| d.day.format("%d/%m").to_string())
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_labels(days.len().min(8))
        .x_label_formatter(&day_label)
        .y_labels(6)
        .label_style((FONT, 22))
        .light_line_style(WHITE)
        .draw()
        .map_err(failed)?;
    let series = [
        (
            &labels.opened,
            OPENED_COLOR,
            days.iter().map(|d| d.opened).collect::<Vec<_>>(),
        ),
        (
            &labels.closed,
            CLOSED_COLOR,
            days.iter().map(|d| d.closed).collect(),
        ),
    ];
    for (name, color, values) in series {
        let points: Vec<(u32, u32)> = values
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i as u32, v))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), color.stroke_width(4)))
            .map_err(failed)?
            .label(name.as_str())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 28, y)], color.stroke_width(4))
            });
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 5, color.filled())),
            )
            .map_err(failed)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 24))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .draw()
        .map_err(failed)
}

fn bars(
    area: &Panel<'_>,
    title: &str,
    names: &[String],
    values: &[u32],
    color: RGBColor,
) -> Result<(), ChartError> {
    let top = values.iter().copied().max().unwrap_or(0);
    let count = values.len() as u32;
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 34))
        .margin(24)
        .x_label_area_size(44)
        .y_label_area_size(56)
        .build_cartesian_2d(
            (0u32..count.saturating_sub(1)).into_segmented(),
            0u32..top + top / 5 + 1,
        )
        .map_err(failed)?;
    let name_of = |value: &SegmentValue<u32>| match value {
        SegmentValue::CenterOf(index) => names.get(*index as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(names.len())
        .x_label_formatter(&name_of)
        .y_labels(6)
        .label_style((FONT, 22))
        .light_line_style(WHITE)
        .draw()
        .map_err(failed)?;
    chart
        .draw_series(
            Histogram::vertical(&chart)
                .style(color.filled())
                .margin(12)
                .data(values.iter().enumerate().map(|(i, v)| (i as u32, *v))),
        )
        .map_err(failed)?;
    Ok(())
}

fn responses(area: &Panel<'_>, figures: &Figures, labels: &ChartLabels) -> Result<(), ChartError> {
    if figures.first_response.count == 0 {
        return nothing_to_draw(area, &labels.first_response, labels);
    }
    bars(
        area,
        &labels.first_response,
        &labels.buckets,
        &figures.response_buckets,
        RESPONSE_COLOR,
    )
}

fn members(area: &Panel<'_>, figures: &Figures, labels: &ChartLabels) -> Result<(), ChartError> {
    let shown: Vec<_> = figures
        .members
        .iter()
        .filter(|m| m.replies > 0)
        .take(MAX_MEMBERS)
        .collect();
    if shown.is_empty() {
        return nothing_to_draw(area, &labels.replies_per_member, labels);
    }
    let names: Vec<String> = shown.iter().map(|m| short_name(&m.name)).collect();
    let values: Vec<u32> = shown.iter().map(|m| m.replies).collect();
    bars(
        area,
        &labels.replies_per_member,
        &names,
        &values,
        MEMBER_COLOR,
    )
}

/// A name short enough to sit under a bar.
fn short_name(name: &str) -> String {
    let mut short: String = name.chars().take(12).collect();
    if name.chars().count() > 12 {
        short.push('…');
    }
    short
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Member, OpenedBy, Ticket, TicketNumber, Timestamp, UserId};
    use crate::stats::{Period, ReportScope, Tally};

    fn labels() -> ChartLabels {
        ChartLabels {
            per_day: "Tickets per day".into(),
            opened: "opened".into(),
            closed: "closed".into(),
            first_response: "First response".into(),
            buckets: ["<5m", "5-15m", "15-60m", "1-4h", "4-24h", ">1d"].map(String::from),
            replies_per_member: "Replies per member".into(),
            no_data: "no data".into(),
        }
    }

    fn figures(tickets: &[Ticket]) -> Figures {
        let now = Timestamp(1_795_176_000_000);
        let scope = ReportScope {
            period: Period::parse("7d", now, chrono_tz::UTC).unwrap(),
            zone: chrono_tz::UTC,
            working_hours: None,
        };
        let mut tally = Tally::new(scope);
        tickets.iter().for_each(|t| tally.add(t));
        tally.finish()
    }

    #[test]
    fn draws_a_png_with_data_and_without() {
        let mut tickets = Vec::new();
        for n in 0..20 {
            let opened = Timestamp(1_795_176_000_000 - n * 7_200_000);
            let mut ticket =
                Ticket::open(UserId(n), TicketNumber(1), opened, None, OpenedBy::Customer);
            let member = Member {
                id: UserId(n % 3),
                name: format!("Member {}", n % 3),
            };
            ticket
                .facts
                .team_reply(Timestamp(opened.0 + n * 60_000), Some(member));
            tickets.push(ticket);
        }
        for figures in [figures(&tickets), figures(&[])] {
            let png = draw(&figures, &labels()).unwrap();
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            let decoder = png::Decoder::new(png.as_slice());
            let info = decoder.read_info().unwrap().info().clone();
            assert_eq!((info.width, info.height), SIZE);
        }
        let drawn = draw(&figures(&tickets), &labels()).unwrap();
        // `THREADESK_CHART_SAMPLE=path` keeps the picture, to look at it.
        if let Ok(path) = std::env::var("THREADESK_CHART_SAMPLE") {
            std::fs::write(path, &drawn).unwrap();
        }
        let empty = draw(&figures(&[]), &labels()).unwrap();
        assert_ne!(drawn, empty, "the data shows in the picture");
    }
}
