//! The control socket: `<data_dir>/control.sock`, through which `threadesk backup`,
//! `threadesk export` and `threadesk stats` reach a running bot (whose database is locked to its process).
//!
//! The socket lives in the data directory, so only who may read the data may use it. The
//! protocol is one command line (`backup`, `export csv`, `export jsonl` for customers with their
//! tickets, `export <kind> <format>` as `/export` takes it, or `stats <report request as JSON>`
//! answered with the figures as JSON); the answer is `OK`
//! followed by the payload until the connection closes, or `ERR <reason>`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use super::backup;
use super::export::{self, Format};
use crate::domain::ExportRequest;
use crate::domain::PseudonymKey;
use crate::domain::UserId;
use crate::pipeline::erasure::{Forgetter, summary};
use crate::storage::Store;

/// The socket's file name in the data directory.
pub const SOCKET: &str = "control.sock";

/// The socket path for a data directory.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET)
}

/// A request through the control socket failed.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// No bot answers on the socket.
    #[error("no running threadesk answers on {0}")]
    NotRunning(PathBuf),
    /// The bot answered with an error.
    #[error("the running threadesk refused: {0}")]
    Refused(String),
    /// The connection failed midway.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Sends a command to the running bot; returns the payload stream.
#[cfg(unix)]
pub fn request(data_dir: &Path, command: &str) -> Result<impl Read, ControlError> {
    let path = socket_path(data_dir);
    let mut stream = std::os::unix::net::UnixStream::connect(&path)
        .map_err(|_| ControlError::NotRunning(path.clone()))?;
    stream.write_all(format!("{command}\n").as_bytes())?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status)?;
    match status
        .trim_end()
        .split_once(' ')
        .map_or((status.trim_end(), ""), |(a, b)| (a, b))
    {
        ("OK", _) => Ok(reader),
        (_, reason) => Err(ControlError::Refused(reason.to_owned())),
    }
}

/// Without Unix sockets there is no control channel.
#[cfg(not(unix))]
pub fn request(data_dir: &Path, _command: &str) -> Result<std::io::Empty, ControlError> {
    Err(ControlError::NotRunning(socket_path(data_dir)))
}

/// Serves the control socket until `shutdown`.
#[cfg(unix)]
pub async fn serve(
    store: Store,
    pseudonyms: Option<PseudonymKey>,
    forgetter: Forgetter,
    data_dir: PathBuf,
    shutdown: tokio_util::sync::CancellationToken,
) {
    use std::os::unix::fs::PermissionsExt;

    let path = socket_path(&data_dir);
    let _ = std::fs::remove_file(&path);
    let listener = match tokio::net::UnixListener::bind(&path) {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "cannot open the control socket; backups need the bot stopped");
            return;
        }
    };
    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
    loop {
        let connection = tokio::select! {
            accepted = listener.accept() => accepted,
            () = shutdown.cancelled() => break,
        };
        let Ok((stream, _)) = connection else {
            continue;
        };
        let store = store.clone();
        let pseudonyms = pseudonyms.clone();
        let forgetter = forgetter.clone();
        tokio::spawn(async move {
            let result = async {
                let stream = stream.into_std()?;
                stream.set_nonblocking(false)?;
                tokio::task::spawn_blocking(move || {
                    answer(&store, pseudonyms.as_ref(), &forgetter, stream)
                })
                .await
                .map_err(std::io::Error::other)?
            }
            .await;
            if let Err(error) = result {
                tracing::warn!(%error, "a control request failed");
            }
        });
    }
    let _ = std::fs::remove_file(&path);
}

/// Answers one control request (blocking).
#[cfg(unix)]
fn answer(
    store: &Store,
    pseudonyms: Option<&PseudonymKey>,
    forgetter: &Forgetter,
    stream: std::os::unix::net::UnixStream,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut command = String::new();
    reader.read_line(&mut command)?;
    let mut out = std::io::BufWriter::new(stream);
    let result = match command.trim() {
        "backup" => {
            out.write_all(b"OK\n")?;
            backup::write(store, &mut out)
                .map(drop)
                .map_err(|error| error.to_string())
        }
        "export csv" | "export jsonl" => {
            out.write_all(b"OK\n")?;
            let format = if command.trim().ends_with("csv") {
                Format::Csv
            } else {
                Format::Jsonl
            };
            export::export(store, format, pseudonyms, &mut out)
                .map(drop)
                .map_err(|error| error.to_string())
        }
        other if other.starts_with("forget ") => {
            let id = other["forget ".len()..].trim().parse::<i64>().ok();
            match id.map(|id| (id, forgetter.forget(store, UserId(id)))) {
                Some((id, Ok(Some(erasure)))) => {
                    out.write_all(b"OK\n")?;
                    out.write_all(summary(UserId(id), &erasure).as_bytes())?;
                    out.write_all(b"\n")?;
                    Ok(())
                }
                Some((id, Ok(None))) => {
                    let reason = format!("no customer with id {id} is stored");
                    out.write_all(format!("ERR {reason}\n").as_bytes())?;
                    Ok(())
                }
                Some((_, Err(error))) => Err(error.to_string()),
                None => {
                    out.write_all(format!("ERR bad user id in {other:?}\n").as_bytes())?;
                    Ok(())
                }
            }
        }
        other if other.starts_with("export ") => {
            match ExportRequest::parse(&other["export ".len()..], u64::MAX) {
                Some(request) => {
                    out.write_all(b"OK\n")?;
                    let now = crate::pipeline::clock::now();
                    export::write(store, &request, now, pseudonyms, &mut out)
                        .map(drop)
                        .map_err(|error| error.to_string())
                }
                None => {
                    out.write_all(format!("ERR bad export {other:?}\n").as_bytes())?;
                    Ok(())
                }
            }
        }
        other if other.starts_with("stats ") => {
            match serde_json::from_str::<crate::desk::ReportRequest>(&other["stats ".len()..]) {
                Ok(request) => {
                    out.write_all(b"OK\n")?;
                    super::stats::write_figures(store, &request, &mut out)
                }
                Err(error) => {
                    out.write_all(format!("ERR bad stats request: {error}\n").as_bytes())?;
                    Ok(())
                }
            }
        }
        other => {
            out.write_all(format!("ERR unknown command {other:?}\n").as_bytes())?;
            Ok(())
        }
    };
    tracing::info!(
        command = command.trim(),
        ok = result.is_ok(),
        "control request served"
    );
    out.flush()?;
    result.map_err(std::io::Error::other)
}
