//! Reports in the team's language: the chart's words, the report's title and its figures as
//! HTML, and the answers about periods.

use super::{Localizer, escape_html};
use crate::desk::ReportRequest;
use crate::stats::{ChartLabels, Figures, PeriodError, Spread};

impl Localizer {
    /// The words on the report's chart.
    pub fn chart_labels(&self, request: &ReportRequest, language: &str) -> ChartLabels {
        let text = |id: &str| self.text(language, id, &[]);
        ChartLabels {
            per_day: self.text(
                language,
                "chart-per-day",
                &[("period", request.period.label())],
            ),
            opened: text("chart-opened"),
            closed: text("chart-closed"),
            first_response: text("chart-first-response"),
            buckets: ["< 5m", "5-15m", "15-60m", "1-4h", "4-24h", "> 1d"].map(String::from),
            replies_per_member: text("chart-replies"),
            no_data: text("chart-no-data"),
        }
    }

    /// The report's title (the chart's caption).
    pub fn report_title(&self, request: &ReportRequest, language: &str) -> String {
        self.text(
            language,
            "report-title",
            &[
                ("period", request.period.label()),
                ("zone", escape_html(&request.zone)),
            ],
        )
    }

    /// The report's figures, one line each.
    pub fn report_text(
        &self,
        figures: &Figures,
        request: &ReportRequest,
        language: &str,
    ) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        let mut lines = vec![
            self.report_title(request, language),
            text(
                "report-tickets",
                &[
                    ("opened", figures.opened.to_string()),
                    ("closed", figures.closed.to_string()),
                    ("open", figures.still_open.to_string()),
                ],
            ),
        ];
        if figures.reopened > 0 {
            lines.push(text(
                "report-reopened",
                &[("count", figures.reopened.to_string())],
            ));
        }
        lines.push(self.spread("report-first-response", &figures.first_response, language));
        lines.push(self.spread("report-resolution", &figures.resolution, language));
        lines.push(match &request.working_hours {
            Some(hours) => text("report-business-hours", &[("hours", escape_html(hours))]),
            None => text("report-all-hours", &[]),
        });
        let busiest = figures.busiest_hours();
        if !busiest.is_empty() {
            let hours: Vec<String> = busiest
                .iter()
                .map(|(hour, count)| format!("{hour:02}:00 ({count})"))
                .collect();
            lines.push(text("report-busiest", &[("hours", hours.join(", "))]));
        }
        if !figures.origins.is_empty() {
            let direct = text("report-origin-direct", &[]);
            let list = counted(&figures.origins, |name| {
                if name.is_empty() {
                    direct.clone()
                } else {
                    name.to_owned()
                }
            });
            lines.push(text("report-origins", &[("list", list)]));
        }
        if !figures.tags.is_empty() {
            let list = counted(&figures.tags, str::to_owned);
            lines.push(text("report-tags", &[("list", list)]));
        }
        lines.push(
            match (figures.ratings.average, figures.ratings.good_share) {
                (Some(average), Some(good)) => text(
                    "report-ratings",
                    &[
                        ("average", format!("{average:.1}")),
                        ("count", figures.ratings.count.to_string()),
                        ("good", format!("{:.0}", good * 100.0)),
                    ],
                ),
                _ => text("report-no-ratings", &[]),
            },
        );
        lines.push(String::new());
        lines.push(text("report-team", &[]));
        if figures.members.is_empty() {
            lines.push(text("report-no-team", &[]));
        }
        for member in &figures.members {
            lines.push(text(
                "report-member",
                &[
                    ("name", escape_html(&member.name)),
                    ("replies", member.replies.to_string()),
                    ("closed", member.closed.to_string()),
                    ("median", optional_duration(member.first_response.median_ms)),
                ],
            ));
        }
        lines.join("\n")
    }

    fn spread(&self, id: &str, spread: &Spread, language: &str) -> String {
        match (spread.median_ms, spread.p90_ms) {
            (Some(median), Some(p90)) => self.text(
                language,
                id,
                &[
                    ("median", duration(median)),
                    ("p90", duration(p90)),
                    ("count", spread.count.to_string()),
                ],
            ),
            _ => {
                let none = self.text(language, "report-no-times", &[]);
                let dash = "—".to_owned();
                self.text(
                    language,
                    id,
                    &[("median", dash.clone()), ("p90", dash), ("count", none)],
                )
            }
        }
    }

    /// Why a period was refused.
    pub(super) fn period_problem(
        &self,
        period: &str,
        problem: &PeriodError,
        language: &str,
    ) -> String {
        let id = match problem {
            PeriodError::Unknown(_) => "period-unknown",
            PeriodError::Reversed => "period-reversed",
            PeriodError::TooLong => "period-too-long",
        };
        let usage = self.text(language, "usage-stats", &[]);
        let why = self.text(language, id, &[("period", escape_html(period))]);
        format!("{why}\n{usage}")
    }
}

/// `name (count), …`, most first, at most ten.
fn counted(counts: &[(String, u32)], name: impl Fn(&str) -> String) -> String {
    let mut shown: Vec<String> = counts
        .iter()
        .take(10)
        .map(|(key, count)| format!("{} ({count})", escape_html(&name(key))))
        .collect();
    if counts.len() > 10 {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}

fn optional_duration(ms: Option<i64>) -> String {
    ms.map_or_else(|| "—".to_owned(), duration)
}

/// A duration as `45s`, `12m`, `3h 05m` or `2d 4h`.
pub fn duration(ms: i64) -> String {
    let seconds = ms.max(0) / 1000;
    let (days, hours, minutes) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
    );
    if days > 0 {
        format!("{days}d {hours}h")
    } else if hours > 0 {
        format!("{hours}h {minutes:02}m")
    } else if minutes > 0 {
        format!("{minutes}m")
    } else {
        format!("{seconds}s")
    }
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration(42_000), "42s");
        assert_eq!(duration(12 * 60_000 + 5_000), "12m");
        assert_eq!(duration(3 * 3_600_000 + 5 * 60_000), "3h 05m");
        assert_eq!(duration(2 * 86_400_000 + 4 * 3_600_000), "2d 4h");
        assert_eq!(duration(-5), "0s");
    }
}
