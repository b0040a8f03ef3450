//! The command line's work on the data directory, whether the bot runs (reached through its
//! control socket) or is stopped (the database opened here): `threadesk stats`, saving a backup
//! received from the running bot, forgetting a customer in a stopped bot's database, and
//! reading the data directory's settings.

use std::path::PathBuf;
use std::process::ExitCode;

use super::fail;
use crate::config::Sources;
use crate::ops::{backup, control, stats as ops_stats};

/// `threadesk stats`: the period read in the team's zone, the figures asked of the running bot
/// (or tallied from a stopped one's data directory), then printed and drawn here.
pub(super) fn stats(
    config: Option<PathBuf>,
    period: &str,
    json: bool,
    chart: Option<&std::path::Path>,
) -> ExitCode {
    let settings = Sources::load(config.as_deref())
        .and_then(|sources| Ok((sources.report_settings()?, sources.team_language()?)));
    let (reports, team_language) = match settings {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("threadesk: {error}");
            return ExitCode::from(2);
        }
    };
    let now = crate::pipeline::clock::now();
    let period = match crate::stats::Period::parse(period, now, reports.zone) {
        Ok(period) => period,
        Err(error) => {
            eprintln!("threadesk: --period {period:?}: {error}");
            return ExitCode::from(2);
        }
    };
    let request = crate::desk::ReportRequest {
        period,
        zone: reports.zone.name().to_owned(),
        working_hours: reports.working_hours.as_ref().map(ToString::to_string),
    };
    let localizer = match crate::i18n::Localizer::new(&team_language, &team_language) {
        Ok(localizer) => localizer.with_zone(reports.zone),
        Err(error) => return fail(error.to_string()),
    };
    with_storage(config, |data_dir, cache| {
        let command = format!(
            "stats {}",
            serde_json::to_string(&request).unwrap_or_default()
        );
        let mut answer = Vec::new();
        let result = match control::request(&data_dir, &command) {
            Ok(mut stream) => std::io::Read::read_to_end(&mut stream, &mut answer)
                .map(drop)
                .map_err(|error| error.to_string()),
            Err(control::ControlError::NotRunning(_)) => open_stopped(&data_dir, cache)
                .and_then(|store| ops_stats::write_figures(&store, &request, &mut answer)),
            Err(error) => Err(error.to_string()),
        };
        let figures = match result.and_then(|()| ops_stats::read_figures(&answer)) {
            Ok(figures) => figures,
            Err(error) => return fail(error),
        };
        println!(
            "{}",
            ops_stats::render(&figures, &request, &localizer, json)
        );
        if let Some(path) = chart {
            let written = ops_stats::chart_png(&figures, &request, &localizer)
                .and_then(|png| std::fs::write(path, png).map_err(|error| error.to_string()));
            if let Err(error) = written {
                return fail(format!(
                    "cannot write the chart to {}: {error}",
                    path.display()
                ));
            }
        }
        ExitCode::SUCCESS
    })
}

/// Saves a backup received from the running bot, checking it before keeping it.
pub(super) fn save_stream(
    stream: &mut impl std::io::Read,
    output: &std::path::Path,
) -> Result<backup::Summary, String> {
    let partial = output.with_extension("partial");
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&partial)?;
        std::io::copy(stream, &mut file)?;
        file.sync_all()
    })();
    written.map_err(|error| format!("cannot write {}: {error}", partial.display()))?;
    let file = std::fs::File::open(&partial).map_err(|error| error.to_string())?;
    let summary =
        backup::verify(file).map_err(|error| format!("the backup received is damaged: {error}"))?;
    std::fs::rename(&partial, output).map_err(|error| error.to_string())?;
    Ok(summary)
}

/// Erases a customer in the database of a stopped bot: the card and the thread are told when
/// it starts (their effects wait in the outbox).
pub(super) fn forget_stopped(store: &crate::storage::Store, user: i64) -> Result<String, String> {
    use crate::pipeline::{clock, erasure, workspace};

    let recorded = workspace::recorded(store).map_err(|error| error.to_string())?;
    let settings = crate::desk::DeskSettings {
        workspace: recorded.unwrap_or(crate::desk::DeskSettings::default().workspace),
        ..crate::desk::DeskSettings::default()
    };
    let desk = crate::desk::Desk::new(settings);
    let customer = crate::domain::UserId(user);
    let (erasure, _) = erasure::forget_now(store, &desk, customer, clock::now())
        .map_err(|error| error.to_string())?;
    store.flush_now().map_err(|error| error.to_string())?;
    match erasure {
        Some(erasure) => Ok(erasure::summary(customer, &erasure)),
        None => Err(format!("no customer with id {user} is stored")),
    }
}

/// Opens the database of a stopped bot.
pub(super) fn open_stopped(
    data_dir: &std::path::Path,
    cache: u64,
) -> Result<crate::storage::Store, String> {
    if !backup::holds_database(data_dir) {
        return Err(format!(
            "{} holds no threadesk database",
            data_dir.display()
        ));
    }
    crate::storage::Store::open(data_dir, cache).map_err(|error| {
        format!(
            "{}: {error} (if the bot runs, its control socket did not answer)",
            data_dir.display()
        )
    })
}

pub(super) fn with_storage(
    path: Option<PathBuf>,
    run: impl FnOnce(PathBuf, u64) -> ExitCode,
) -> ExitCode {
    match Sources::load(path.as_deref()).and_then(|sources| sources.storage()) {
        Ok((data_dir, cache)) => run(data_dir, cache),
        Err(error) => {
            eprintln!("threadesk: {error}");
            ExitCode::from(2)
        }
    }
}
