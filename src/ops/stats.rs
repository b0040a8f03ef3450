//! `threadesk stats`: the figures of `/stats` from the command line, as text or JSON, and the
//! chart as a PNG file; computed by the running bot through the control socket, or from the data
//! directory of a stopped one.

use std::io::Write;

use crate::desk::ReportRequest;
use crate::i18n::Localizer;
use crate::stats::{Figures, chart};
use crate::storage::{Store, report_figures};
use crate::telegram::html;

/// Tallies every ticket for `request` and writes the figures as one JSON object.
pub fn write_figures(
    store: &Store,
    request: &ReportRequest,
    out: &mut impl Write,
) -> Result<(), String> {
    let figures = report_figures(store, request.scope()).map_err(|error| error.to_string())?;
    serde_json::to_writer(&mut *out, &figures).map_err(|error| error.to_string())?;
    out.write_all(b"\n").map_err(|error| error.to_string())
}

/// Reads figures written by [`write_figures`].
pub fn read_figures(input: &[u8]) -> Result<Figures, String> {
    serde_json::from_slice(input).map_err(|error| format!("unreadable figures: {error}"))
}

/// The figures as the team reads them under `/stats` (in the team's language, as plain text),
/// or as pretty JSON with the period.
pub fn render(
    figures: &Figures,
    request: &ReportRequest,
    localizer: &Localizer,
    json: bool,
) -> String {
    if json {
        let value = serde_json::json!({
            "period": {
                "from": request.period.from.0,
                "to": request.period.to.0,
                "label": request.period.label(),
                "zone": request.zone,
                "working_hours": request.working_hours,
            },
            "figures": figures,
        });
        return serde_json::to_string_pretty(&value).unwrap_or_default();
    }
    let language = localizer.team_language();
    let title = html::to_text(&localizer.report_title(request, language));
    let text = html::to_text(&localizer.report_text(figures, request, language));
    format!("{title}\n\n{text}")
}

/// The chart `/stats` sends, as PNG bytes.
pub fn chart_png(
    figures: &Figures,
    request: &ReportRequest,
    localizer: &Localizer,
) -> Result<Vec<u8>, String> {
    let labels = localizer.chart_labels(request, localizer.team_language());
    chart::draw(figures, &labels).map_err(|error| error.to_string())
}
