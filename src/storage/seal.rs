//! Sealing at rest: every stored value that can hold a message body (the inbox's raw updates,
//! the outbox's effects, held updates, relay buffers and albums, the webhook queue, updates
//! kept for the existing bot behind the Bot API proxy) is
//! encrypted with ChaCha20-Poly1305 before sled sees it, under a key kept in a small file of
//! `<data_dir>/seal/`.
//!
//! A key seals new values for at most the rotation period (`key_rotation`); housekeeping
//! ([`Store::housekeeping`](super::Store::housekeeping)) destroys, by overwriting and removing
//! its file, every key that no stored value needs any more, including the current one when
//! nothing is pending. sled keeps removed values in its log segments until they are reclaimed,
//! but what it keeps of these trees is ciphertext whose key no longer exists.
//!
//! A sealed value is `0xA5`, the key's id (8 bytes, big-endian: the key's creation time in
//! milliseconds), a random 12-byte nonce, then the ciphertext and its 16-byte tag. Values
//! written before sealing existed (they start with a record's version byte, never `0xA5`) are
//! read as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};

use super::kv::TreeName;

/// The first byte of a sealed value.
const MAGIC: u8 = 0xA5;
/// Magic byte, key id, nonce.
const HEADER_LEN: usize = 1 + 8 + NONCE_LEN;
/// The authentication tag's length.
const TAG_LEN: usize = 16;
/// A key's length.
const KEY_LEN: usize = 32;
/// The folder of the key files, inside the data directory.
pub const SEAL_DIR: &str = "seal";
/// How long a key seals new values unless `key_rotation` says otherwise.
pub const DEFAULT_ROTATION: Duration = Duration::from_secs(24 * 3600);

/// Tags of the `integrations` tree's entries that carry a message's text (webhook events
/// waiting to be fanned out, deliveries waiting for their endpoint, and files uploaded through
/// the API waiting to be sent).
const SEALED_INTEGRATIONS: [u8; 3] = [b'E', b'W', b'U'];

/// Whether values of `tree` under `key` are sealed.
pub fn covers(tree: TreeName, key: &[u8]) -> bool {
    match tree {
        TreeName::Inbox
        | TreeName::Outbox
        | TreeName::Held
        | TreeName::Relay
        | TreeName::Upstream => true,
        TreeName::Integrations => key
            .first()
            .is_some_and(|tag| SEALED_INTEGRATIONS.contains(tag)),
        _ => false,
    }
}

/// The trees whose values may be sealed (those [`covers`] names, and `meta`, where unreadable
/// entries are set aside as they were stored).
pub const SEALED_TREES: [TreeName; 7] = [
    TreeName::Inbox,
    TreeName::Upstream,
    TreeName::Outbox,
    TreeName::Held,
    TreeName::Relay,
    TreeName::Integrations,
    TreeName::Meta,
];

/// Sealing or unsealing failed.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// A key file could not be read or written.
    #[error("sealing key files in {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A key file is damaged.
    #[error("the sealing key file {0} is damaged")]
    BadKey(PathBuf),
    /// The value was sealed with a key that no longer exists.
    #[error("a stored value was sealed with key {0}, which is gone")]
    KeyGone(u64),
    /// The value does not open with its key (damaged).
    #[error("a sealed value is damaged")]
    Damaged,
    /// The system's random source failed.
    #[error("no randomness available for sealing")]
    Random,
}

/// What housekeeping did with the keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retired {
    /// Keys destroyed because nothing stored needs them.
    pub destroyed: usize,
    /// Keys kept because stored values need them.
    pub kept: usize,
}

/// The keys of one data directory.
pub struct Sealer {
    dir: PathBuf,
    rotation_ms: AtomicU64,
    keys: Mutex<Keys>,
    random: SystemRandom,
}

#[derive(Default)]
struct Keys {
    loaded: BTreeMap<u64, Arc<LessSafeKey>>,
    /// The key new values are sealed with, if one is fresh enough.
    current: Option<u64>,
}

impl Sealer {
    /// Loads the keys of the data directory `data_dir` (the folder is created on first use).
    pub fn open(data_dir: &Path) -> Result<Sealer, SealError> {
        let dir = data_dir.join(SEAL_DIR);
        let mut keys = Keys::default();
        if dir.exists() {
            let entries = fs::read_dir(&dir).map_err(|source| io(&dir, source))?;
            for entry in entries {
                let path = entry.map_err(|source| io(&dir, source))?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if let Some(id) = name
                    .strip_suffix(".key")
                    .and_then(|id| u64::from_str_radix(id, 16).ok())
                {
                    let bytes = fs::read(&path).map_err(|source| io(&path, source))?;
                    keys.loaded.insert(id, Arc::new(key_from(&bytes, &path)?));
                } else if name.ends_with(".tmp") {
                    // A key whose creation was interrupted: nothing was sealed with it.
                    fs::remove_file(&path).map_err(|source| io(&path, source))?;
                }
            }
        }
        let sealer = Sealer {
            dir,
            rotation_ms: AtomicU64::new(millis(DEFAULT_ROTATION)),
            keys: Mutex::new(keys),
            random: SystemRandom::new(),
        };
        Ok(sealer)
    }

    /// Sets how long a key seals new values.
    pub fn set_rotation(&self, rotation: Duration) {
        self.rotation_ms
            .store(millis(rotation).max(1), Ordering::Relaxed);
    }

    /// Seals a value with the current key (made on first need).
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>, SealError> {
        let (id, key) = self.current_key()?;
        let mut nonce = [0u8; NONCE_LEN];
        self.random
            .fill(&mut nonce)
            .map_err(|_| SealError::Random)?;
        let mut body = Vec::with_capacity(plain.len() + TAG_LEN);
        body.extend_from_slice(plain);
        key.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut body)
            .map_err(|_| SealError::Damaged)?;
        let mut sealed = Vec::with_capacity(HEADER_LEN + body.len());
        sealed.push(MAGIC);
        sealed.extend_from_slice(&id.to_be_bytes());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&body);
        Ok(sealed)
    }

    /// Opens a sealed value (a value stored before sealing existed comes back as it is).
    pub fn unseal(&self, stored: Vec<u8>) -> Result<Vec<u8>, SealError> {
        let Some(id) = key_id(&stored) else {
            return Ok(stored);
        };
        let key = self
            .lock()
            .loaded
            .get(&id)
            .cloned()
            .ok_or(SealError::KeyGone(id))?;
        let nonce: [u8; NONCE_LEN] = stored[9..HEADER_LEN]
            .try_into()
            .map_err(|_| SealError::Damaged)?;
        let mut body = stored[HEADER_LEN..].to_vec();
        let plain_len = key
            .open_in_place(Nonce::assume_unique_for_key(nonce), Aad::empty(), &mut body)
            .map_err(|_| SealError::Damaged)?
            .len();
        body.truncate(plain_len);
        Ok(body)
    }

    /// The ids of the keys on disk, oldest first.
    pub fn key_ids(&self) -> Vec<u64> {
        self.lock().loaded.keys().copied().collect()
    }

    /// Destroys every key not in `in_use` (overwritten, then removed). The caller makes sure
    /// no value is being sealed meanwhile and that `in_use` is what is on disk.
    pub fn retire_unused(&self, in_use: &BTreeSet<u64>) -> Result<Retired, SealError> {
        let mut keys = self.lock();
        let unused: Vec<u64> = keys
            .loaded
            .keys()
            .copied()
            .filter(|id| !in_use.contains(id))
            .collect();
        for id in &unused {
            let path = self.path_of(*id);
            destroy(&path)?;
            keys.loaded.remove(id);
            if keys.current == Some(*id) {
                keys.current = None;
            }
        }
        if !unused.is_empty() {
            sync_dir(&self.dir)?;
        }
        Ok(Retired {
            destroyed: unused.len(),
            kept: keys.loaded.len(),
        })
    }

    fn current_key(&self) -> Result<(u64, Arc<LessSafeKey>), SealError> {
        let now = now_ms();
        let rotation = self.rotation_ms.load(Ordering::Relaxed);
        let mut keys = self.lock();
        let fresh = keys
            .current
            .or_else(|| keys.loaded.keys().next_back().copied())
            .filter(|id| now < id.saturating_add(rotation));
        if let Some(id) = fresh
            && let Some(key) = keys.loaded.get(&id)
        {
            let key = Arc::clone(key);
            keys.current = Some(id);
            return Ok((id, key));
        }
        let id = keys
            .loaded
            .keys()
            .next_back()
            .map_or(now, |last| now.max(last + 1));
        let mut bytes = [0u8; KEY_LEN];
        self.random
            .fill(&mut bytes)
            .map_err(|_| SealError::Random)?;
        self.write_key(id, &bytes)?;
        let path = self.path_of(id);
        let key = Arc::new(key_from(&bytes, &path)?);
        keys.loaded.insert(id, Arc::clone(&key));
        keys.current = Some(id);
        Ok((id, key))
    }

    /// Writes a key file durably (a temporary file renamed into place) before anything is
    /// sealed with it.
    fn write_key(&self, id: u64, bytes: &[u8]) -> Result<(), SealError> {
        create_private_dir(&self.dir)?;
        let path = self.path_of(id);
        let temporary = path.with_extension("tmp");
        let mut file = private_file(&temporary)?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|source| io(&temporary, source))?;
        fs::rename(&temporary, &path).map_err(|source| io(&path, source))?;
        sync_dir(&self.dir)
    }

    fn path_of(&self, id: u64) -> PathBuf {
        self.dir.join(format!("{id:016x}.key"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Keys> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The id of the key a stored value was sealed with (`None`: not sealed).
pub fn key_id(stored: &[u8]) -> Option<u64> {
    if stored.len() < HEADER_LEN + TAG_LEN || stored[0] != MAGIC {
        return None;
    }
    Some(u64::from_be_bytes(stored[1..9].try_into().ok()?))
}

fn key_from(bytes: &[u8], path: &Path) -> Result<LessSafeKey, SealError> {
    if bytes.len() != KEY_LEN {
        return Err(SealError::BadKey(path.to_owned()));
    }
    UnboundKey::new(&CHACHA20_POLY1305, bytes)
        .map(LessSafeKey::new)
        .map_err(|_| SealError::BadKey(path.to_owned()))
}

/// Overwrites a key file with zeros, makes that durable, then removes it.
fn destroy(path: &Path) -> Result<(), SealError> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|source| io(path, source))?;
    file.write_all(&[0u8; KEY_LEN])
        .and_then(|()| file.sync_all())
        .map_err(|source| io(path, source))?;
    drop(file);
    fs::remove_file(path).map_err(|source| io(path, source))
}

fn create_private_dir(dir: &Path) -> Result<(), SealError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| io(dir, source))?;
    if let Some(parent) = dir.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

fn private_file(path: &Path) -> Result<fs::File, SealError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|source| io(path, source))
}

fn sync_dir(dir: &Path) -> Result<(), SealError> {
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|source| io(dir, source))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn io(path: &Path, source: std::io::Error) -> SealError {
    SealError::Io {
        path: path.to_owned(),
        source,
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn now_ms() -> u64 {
    u64::try_from(crate::pipeline::clock::now().0).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_hide_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let sealer = Sealer::open(dir.path()).unwrap();
        let plain = b"the secret marker 42".to_vec();
        let sealed = sealer.seal(&plain).unwrap();
        assert!(!sealed.windows(plain.len()).any(|w| w == plain.as_slice()));
        assert_eq!(sealer.unseal(sealed.clone()).unwrap(), plain);
        // Another sealer on the same folder reads the key file.
        let again = Sealer::open(dir.path()).unwrap();
        assert_eq!(again.unseal(sealed).unwrap(), plain);
        // Values stored before sealing are read as they are.
        assert_eq!(sealer.unseal(vec![1, 2, 3]).unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn unused_keys_are_destroyed_and_their_values_cannot_be_opened() {
        let dir = tempfile::tempdir().unwrap();
        let sealer = Sealer::open(dir.path()).unwrap();
        let kept = sealer.seal(b"kept").unwrap();
        let id = key_id(&kept).unwrap();
        let retired = sealer.retire_unused(&BTreeSet::from([id])).unwrap();
        assert_eq!(
            retired,
            Retired {
                destroyed: 0,
                kept: 1
            }
        );
        let retired = sealer.retire_unused(&BTreeSet::new()).unwrap();
        assert_eq!(
            retired,
            Retired {
                destroyed: 1,
                kept: 0
            }
        );
        assert_eq!(fs::read_dir(dir.path().join(SEAL_DIR)).unwrap().count(), 0);
        assert!(matches!(sealer.unseal(kept), Err(SealError::KeyGone(_))));
        // The next value gets a new key.
        let next = sealer.seal(b"next").unwrap();
        assert_ne!(key_id(&next), Some(id));
        assert_eq!(sealer.unseal(next).unwrap(), b"next");
    }

    #[test]
    fn keys_rotate_after_their_period() {
        let dir = tempfile::tempdir().unwrap();
        let sealer = Sealer::open(dir.path()).unwrap();
        sealer.set_rotation(Duration::from_millis(1));
        let first = key_id(&sealer.seal(b"a").unwrap());
        std::thread::sleep(Duration::from_millis(5));
        let second = key_id(&sealer.seal(b"b").unwrap());
        assert_ne!(first, second);
        assert_eq!(sealer.key_ids().len(), 2);
    }

    #[test]
    fn damaged_values_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let sealer = Sealer::open(dir.path()).unwrap();
        let mut sealed = sealer.seal(b"value").unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(matches!(sealer.unseal(sealed), Err(SealError::Damaged)));
    }
}
