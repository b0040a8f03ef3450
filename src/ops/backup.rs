//! Backups: a consistent snapshot of every tree in one checksummed file, and restoring it into
//! an empty data directory.
//!
//! Format: the magic line `THREADESK-BACKUP`, a version byte, then for each tree its name and
//! its entries (length-prefixed key and value), an end marker, and a CRC-32 of everything
//! before it. The snapshot is taken while writers are paused ([`Store::frozen`]), so it is one
//! point in time even while the bot runs. A restore is written into a sibling directory and only
//! moved into place once the checksum matched, so a damaged file never leaves half a database.

use std::fs;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::storage::{Store, TreeName};

const MAGIC: &[u8] = b"THREADESK-BACKUP\n";
const VERSION: u8 = 1;
/// Marks the end of a tree's entries (no key is this long).
const END_OF_TREE: u32 = u32::MAX;

/// A backup could not be written or restored.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// Reading or writing failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The database failed.
    #[error("{0}")]
    Storage(#[from] crate::storage::StorageError),
    /// The file is not a threadesk backup, or is damaged.
    #[error("not a valid threadesk backup: {0}")]
    Invalid(String),
    /// The target directory holds a database in use by a running threadesk.
    #[error("{0} is in use by a running threadesk: stop it before restoring")]
    Live(PathBuf),
    /// The target directory already holds data.
    #[error(
        "{0} already holds a database: restore into an empty directory (or pass --force to replace it)"
    )]
    NotEmpty(PathBuf),
}

/// What a backup holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Entries per tree.
    pub trees: Vec<(String, u64)>,
    /// Bytes of the backup file.
    pub bytes: u64,
}

impl Summary {
    /// Total entries.
    pub fn entries(&self) -> u64 {
        self.trees.iter().map(|(_, count)| count).sum()
    }
}

/// Writes a snapshot of the whole database.
pub fn write(store: &Store, out: impl Write) -> Result<Summary, BackupError> {
    store.frozen(|store| {
        let mut out = Checksummed::new(BufWriter::new(out));
        out.write_all(MAGIC)?;
        out.write_all(&[VERSION])?;
        let mut summary = Summary::default();
        for tree in TreeName::ALL {
            let name = tree.as_str().as_bytes();
            out.write_all(&[u8::try_from(name.len()).unwrap_or(u8::MAX)])?;
            out.write_all(name)?;
            let mut count = 0;
            for entry in store.iter(tree) {
                let (key, value) = entry?;
                write_chunk(&mut out, &key)?;
                write_chunk(&mut out, &value)?;
                count += 1;
            }
            out.write_all(&END_OF_TREE.to_be_bytes())?;
            summary.trees.push((tree.as_str().to_owned(), count));
        }
        out.write_all(&[0])?;
        let crc = out.hasher.clone().finalize();
        out.inner.write_all(&crc.to_be_bytes())?;
        out.inner.flush()?;
        summary.bytes = out.written + 4;
        Ok(summary)
    })
}

/// Writes a snapshot to a file atomically (temporary file, fsync, rename).
pub fn write_file(store: &Store, path: &Path) -> Result<Summary, BackupError> {
    let temporary = path.with_extension("partial");
    let file = fs::File::create(&temporary)?;
    let summary = write(store, &file)?;
    file.sync_all()?;
    fs::rename(&temporary, path)?;
    Ok(summary)
}

/// Checks a backup without restoring it.
pub fn verify(input: impl Read) -> Result<Summary, BackupError> {
    read(input, |_, _, _| Ok(()))
}

/// Restores a backup into `data_dir`, which must not hold a database (unless `force`, and never
/// one in use).
pub fn restore(
    input: impl Read,
    data_dir: &Path,
    cache_bytes: u64,
    force: bool,
) -> Result<Summary, BackupError> {
    if holds_database(data_dir) {
        match Store::open(data_dir, cache_bytes) {
            Err(_) => return Err(BackupError::Live(data_dir.to_owned())),
            Ok(store) => {
                let empty = TreeName::ALL.iter().all(|tree| store.is_empty(*tree));
                drop(store);
                if !empty && !force {
                    return Err(BackupError::NotEmpty(data_dir.to_owned()));
                }
            }
        }
    }
    let staging = sibling(data_dir, "restoring");
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let summary = {
        let store = Store::open(&staging, cache_bytes)?;
        let summary = read(input, |tree, key, value| {
            store.insert(tree, key, value)?;
            Ok(())
        })?;
        store.flush_now()?;
        summary
    };
    if data_dir.exists() {
        let previous = sibling(data_dir, "replaced");
        if previous.exists() {
            fs::remove_dir_all(&previous)?;
        }
        fs::rename(data_dir, &previous)?;
        fs::rename(&staging, data_dir)?;
        fs::remove_dir_all(&previous)?;
    } else {
        fs::rename(&staging, data_dir)?;
    }
    Ok(summary)
}

/// Whether a directory holds a sled database.
pub fn holds_database(dir: &Path) -> bool {
    dir.join("conf").exists() || dir.join("db").exists()
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().map_or_else(
        || "threadesk".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    dir.with_file_name(format!("{name}.{suffix}"))
}

/// Reads a backup, handing every entry to `entry`, and checks the checksum at the end.
fn read(
    input: impl Read,
    mut entry: impl FnMut(TreeName, &[u8], &[u8]) -> Result<(), BackupError>,
) -> Result<Summary, BackupError> {
    let mut input = Checksummed::new(BufReader::new(input));
    let mut magic = vec![0u8; MAGIC.len()];
    input
        .read_exact(&mut magic)
        .map_err(|_| BackupError::Invalid("too short".into()))?;
    if magic != MAGIC {
        return Err(BackupError::Invalid(
            "missing the THREADESK-BACKUP header".into(),
        ));
    }
    let version = read_u8(&mut input)?;
    if version != VERSION {
        return Err(BackupError::Invalid(format!(
            "version {version} is not supported by this build"
        )));
    }
    let mut summary = Summary::default();
    loop {
        let length = read_u8(&mut input)?;
        if length == 0 {
            break;
        }
        let mut name = vec![0u8; usize::from(length)];
        input.read_exact(&mut name)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        let tree = TreeName::ALL
            .into_iter()
            .find(|tree| tree.as_str() == name)
            .ok_or_else(|| BackupError::Invalid(format!("unknown tree {name:?}")))?;
        let mut count = 0;
        while let Some(key) = read_chunk(&mut input)? {
            let value = read_chunk(&mut input)?
                .ok_or_else(|| BackupError::Invalid("entry without value".into()))?;
            entry(tree, &key, &value)?;
            count += 1;
        }
        summary.trees.push((name, count));
    }
    let expected = input.hasher.clone().finalize();
    let mut stored = [0u8; 4];
    input
        .inner
        .read_exact(&mut stored)
        .map_err(|_| BackupError::Invalid("missing checksum".into()))?;
    if u32::from_be_bytes(stored) != expected {
        return Err(BackupError::Invalid(
            "checksum mismatch: the file is damaged".into(),
        ));
    }
    summary.bytes = input.read + 4;
    Ok(summary)
}

fn write_chunk(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let length = u32::try_from(bytes.len()).map_err(|_| io::Error::other("record too large"))?;
    out.write_all(&length.to_be_bytes())?;
    out.write_all(bytes)
}

fn read_chunk(input: &mut impl Read) -> Result<Option<Vec<u8>>, BackupError> {
    let mut length = [0u8; 4];
    input
        .read_exact(&mut length)
        .map_err(|_| BackupError::Invalid("truncated".into()))?;
    let length = u32::from_be_bytes(length);
    if length == END_OF_TREE {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    input.take(u64::from(length)).read_to_end(&mut bytes)?;
    if bytes.len() != length as usize {
        return Err(BackupError::Invalid("truncated".into()));
    }
    Ok(Some(bytes))
}

fn read_u8(input: &mut impl Read) -> Result<u8, BackupError> {
    let mut byte = [0u8; 1];
    input
        .read_exact(&mut byte)
        .map_err(|_| BackupError::Invalid("truncated".into()))?;
    Ok(byte[0])
}

/// A reader or writer that checksums what passes through it.
struct Checksummed<T> {
    inner: T,
    hasher: crc32fast::Hasher,
    written: u64,
    read: u64,
}

impl<T> Checksummed<T> {
    fn new(inner: T) -> Self {
        Checksummed {
            inner,
            hasher: crc32fast::Hasher::new(),
            written: 0,
            read: 0,
        }
    }
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        self.written += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Checksummed<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.hasher.update(&buffer[..read]);
        self.read += read as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(dir: &Path, entries: usize) -> Store {
        let store = Store::open(dir, 1 << 20).unwrap();
        for n in 0..entries {
            store
                .insert(
                    TreeName::Customers,
                    &(n as u64).to_be_bytes(),
                    format!("customer {n}").as_bytes(),
                )
                .unwrap();
        }
        store
            .insert(TreeName::Meta, b"poll_offset", &7i64.to_be_bytes())
            .unwrap();
        store
    }

    #[test]
    fn a_backup_round_trips_into_an_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(&dir.path().join("live"), 100);
        let mut bytes = Vec::new();
        let written = write(&store, &mut bytes).unwrap();
        assert_eq!(written.entries(), 101);
        assert_eq!(verify(bytes.as_slice()).unwrap().entries(), 101);
        let target = dir.path().join("restored");
        restore(bytes.as_slice(), &target, 1 << 20, false).unwrap();
        let restored = Store::open(&target, 1 << 20).unwrap();
        assert_eq!(
            restored
                .get(TreeName::Customers, &42u64.to_be_bytes())
                .unwrap(),
            Some(b"customer 42".to_vec())
        );
        assert_eq!(restored.len(TreeName::Customers), 100);
    }

    #[test]
    fn a_damaged_backup_is_refused_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(&dir.path().join("live"), 10);
        let mut bytes = Vec::new();
        write(&store, &mut bytes).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        let target = dir.path().join("restored");
        assert!(matches!(
            restore(bytes.as_slice(), &target, 1 << 20, false),
            Err(BackupError::Invalid(_))
        ));
        assert!(!target.exists());
        assert!(matches!(
            verify(&b"hello"[..]),
            Err(BackupError::Invalid(_))
        ));
    }

    #[test]
    fn restore_refuses_a_live_or_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        let live_dir = dir.path().join("live");
        let store = store_with(&live_dir, 3);
        let mut bytes = Vec::new();
        write(&store, &mut bytes).unwrap();
        assert!(matches!(
            restore(bytes.as_slice(), &live_dir, 1 << 20, true),
            Err(BackupError::Live(_))
        ));
        drop(store);
        assert!(matches!(
            restore(bytes.as_slice(), &live_dir, 1 << 20, false),
            Err(BackupError::NotEmpty(_))
        ));
        restore(bytes.as_slice(), &live_dir, 1 << 20, true).unwrap();
    }
}
