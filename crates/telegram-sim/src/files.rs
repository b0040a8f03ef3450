//! The file store: every photo size, video, document, … of the world with its `file_id`,
//! `file_unique_id`, bytes and download path (`getFile` and `GET /file/bot<token>/<path>`).
//!
//! File ids are valid for every bot of the simulated world (real Telegram scopes them per bot).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use serde_json::{Map, Value, json};

use super::content::{Body, MediaKind};
use super::error::ApiError;

/// Telegram's `getFile` size limit for bots.
pub(crate) const DOWNLOAD_LIMIT: u64 = 20 * 1024 * 1024;

/// What a message shows of a file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FileMeta {
    pub file_id: String,
    pub unique_id: String,
    pub size: u64,
    pub width: u32,
    pub height: u32,
    pub duration: u32,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
    pub emoji: Option<String>,
}

impl FileMeta {
    fn ids(&self) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("file_id".into(), json!(self.file_id));
        map.insert("file_unique_id".into(), json!(self.unique_id));
        map.insert("file_size".into(), json!(self.size));
        map
    }

    /// A `PhotoSize` object.
    pub fn photo_size_json(&self) -> Value {
        let mut map = self.ids();
        map.insert("width".into(), json!(self.width));
        map.insert("height".into(), json!(self.height));
        Value::Object(map)
    }

    /// The `Video`/`Document`/`Audio`/… object of a message of this kind.
    pub fn media_json(&self, kind: MediaKind) -> Value {
        let mut map = self.ids();
        let mut put = |key: &str, value: Value| {
            map.insert(key.into(), value);
        };
        match kind {
            MediaKind::Photo => return self.photo_size_json(),
            MediaKind::Video | MediaKind::Animation => {
                put("width", json!(self.width));
                put("height", json!(self.height));
                put("duration", json!(self.duration));
            }
            MediaKind::Audio | MediaKind::Voice => put("duration", json!(self.duration)),
            MediaKind::VideoNote => {
                put("length", json!(self.width));
                put("duration", json!(self.duration));
            }
            MediaKind::Sticker => {
                put("type", json!("regular"));
                put("width", json!(self.width));
                put("height", json!(self.height));
                put("is_animated", json!(false));
                put("is_video", json!(false));
                if let Some(emoji) = &self.emoji {
                    put("emoji", json!(emoji));
                }
            }
            MediaKind::Document => {}
        }
        if matches!(
            kind,
            MediaKind::Video | MediaKind::Animation | MediaKind::Document | MediaKind::Audio
        ) {
            if let Some(name) = &self.file_name {
                map.insert("file_name".into(), json!(name));
            }
        }
        if kind != MediaKind::Sticker && kind != MediaKind::VideoNote {
            if let Some(mime) = &self.mime_type {
                map.insert("mime_type".into(), json!(mime));
            }
        }
        Value::Object(map)
    }
}

/// A stored file.
#[derive(Clone, Debug)]
pub(crate) struct StoredFile {
    pub meta: FileMeta,
    pub kind: MediaKind,
    pub bytes: Bytes,
    pub path: String,
    /// For photo sizes: every size of the same photo, smallest first.
    pub photo_set: Option<Arc<[FileMeta]>>,
}

/// A file part uploaded with a multipart request.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// A new file to store.
pub(crate) struct NewFile {
    pub kind: MediaKind,
    pub bytes: Option<Vec<u8>>,
    pub file_name: Option<String>,
    pub mime_type: Option<String>,
}

/// Every file of the world, by `file_id` and by download path.
#[derive(Default)]
pub(crate) struct FileStore {
    by_id: HashMap<String, StoredFile>,
    by_path: HashMap<String, String>,
    counter: u64,
}

impl FileStore {
    /// Stores a file and returns what messages show of it.
    pub fn create(&mut self, file: NewFile) -> FileMeta {
        self.counter += 1;
        let number = self.counter;
        let kind = file.kind;
        let bytes = file
            .bytes
            .unwrap_or_else(|| format!("simulated {} #{number}", kind.name()).into_bytes());
        let (width, height, duration) = match kind {
            MediaKind::Photo => (800, 600, 0),
            MediaKind::Video => (640, 360, 5),
            MediaKind::Animation => (320, 240, 3),
            MediaKind::VideoNote => (240, 240, 5),
            MediaKind::Sticker => (512, 512, 0),
            MediaKind::Voice => (0, 0, 3),
            MediaKind::Audio => (0, 0, 120),
            MediaKind::Document => (0, 0, 0),
        };
        let (folder, extension, mime) = match kind {
            MediaKind::Photo => ("photos", "jpg", "image/jpeg"),
            MediaKind::Video => ("videos", "mp4", "video/mp4"),
            MediaKind::Animation => ("animations", "mp4", "video/mp4"),
            MediaKind::Document => ("documents", "bin", "application/octet-stream"),
            MediaKind::Audio => ("music", "mp3", "audio/mpeg"),
            MediaKind::Voice => ("voice", "oga", "audio/ogg"),
            MediaKind::VideoNote => ("video_notes", "mp4", "video/mp4"),
            MediaKind::Sticker => ("stickers", "webp", "image/webp"),
        };
        let extension = file
            .file_name
            .as_deref()
            .and_then(|name| name.rsplit_once('.'))
            .map_or_else(
                || extension.to_owned(),
                |(_, extension)| extension.to_owned(),
            );
        let prefix = match kind {
            MediaKind::Photo => "AgACAgIAAxkBAAI",
            MediaKind::Video => "BAACAgIAAxkBAAI",
            MediaKind::Animation => "CgACAgIAAxkBAAI",
            MediaKind::Document => "BQACAgIAAxkBAAI",
            MediaKind::Audio => "CQACAgIAAxkBAAI",
            MediaKind::Voice => "AwACAgIAAxkBAAI",
            MediaKind::VideoNote => "DQACAgIAAxkBAAI",
            MediaKind::Sticker => "CAACAgIAAxkBAAI",
        };
        let meta = FileMeta {
            file_id: format!("{prefix}{number:06}sim"),
            unique_id: format!("AQAD{number:06}"),
            size: bytes.len() as u64,
            width,
            height,
            duration,
            file_name: file.file_name.filter(|name| !name.is_empty()),
            mime_type: Some(file.mime_type.unwrap_or_else(|| mime.to_owned())),
            emoji: (kind == MediaKind::Sticker).then(|| "🙂".to_owned()),
        };
        let path = format!("{folder}/file_{number}.{extension}");
        self.by_path.insert(path.clone(), meta.file_id.clone());
        let stored = StoredFile {
            meta: meta.clone(),
            kind,
            bytes: Bytes::from(bytes),
            path,
            photo_set: None,
        };
        self.by_id.insert(meta.file_id.clone(), stored);
        meta
    }

    /// Stores a photo in three sizes (the largest keeps the original bytes).
    pub fn create_photo(&mut self, bytes: Option<Vec<u8>>) -> Arc<[FileMeta]> {
        let dimensions = [(90, 68), (320, 240), (800, 600)];
        let sizes: Vec<FileMeta> = dimensions
            .iter()
            .enumerate()
            .map(|(index, (width, height))| {
                let last = index + 1 == dimensions.len();
                let bytes = if last { bytes.clone() } else { None };
                let mut meta = self.create(NewFile {
                    kind: MediaKind::Photo,
                    bytes,
                    file_name: None,
                    mime_type: None,
                });
                meta.width = *width;
                meta.height = *height;
                meta.mime_type = None;
                meta
            })
            .collect();
        let set: Arc<[FileMeta]> = sizes.into();
        for size in set.iter() {
            if let Some(stored) = self.by_id.get_mut(&size.file_id) {
                stored.meta = size.clone();
                stored.photo_set = Some(set.clone());
            }
        }
        set
    }

    /// A file by its `file_id`.
    pub fn get(&self, file_id: &str) -> Option<&StoredFile> {
        self.by_id.get(file_id)
    }

    /// A file by its download path.
    pub fn by_path(&self, path: &str) -> Option<&StoredFile> {
        self.by_path
            .get(path)
            .and_then(|file_id| self.by_id.get(file_id))
    }

    /// Turns what a client passed for a media parameter into a message body: an uploaded part
    /// (`attach://<part>`, given as `upload`), an HTTP URL (a new file; the simulator does not
    /// fetch it), or an existing `file_id` of a compatible kind.
    pub fn resolve(
        &mut self,
        kind: MediaKind,
        reference: &str,
        upload: Option<&Upload>,
    ) -> Result<Body, ApiError> {
        let fresh = |store: &mut FileStore,
                     bytes: Option<Vec<u8>>,
                     file_name: Option<String>,
                     mime_type: Option<String>| {
            if kind == MediaKind::Photo {
                Body::Photo(store.create_photo(bytes))
            } else {
                Body::File(
                    kind,
                    store.create(NewFile {
                        kind,
                        bytes,
                        file_name,
                        mime_type,
                    }),
                )
            }
        };
        if reference.starts_with("attach://") {
            let upload = upload.ok_or_else(ApiError::wrong_file)?;
            return Ok(fresh(
                self,
                Some(upload.bytes.clone()),
                upload.file_name.clone(),
                upload.content_type.clone(),
            ));
        }
        let lower = reference.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            let file_name = reference
                .split(['?', '#'])
                .next()
                .and_then(|path| path.rsplit('/').next())
                .filter(|name| name.contains('.'))
                .map(str::to_owned);
            return Ok(fresh(
                self,
                Some(reference.as_bytes().to_vec()),
                file_name,
                None,
            ));
        }
        let stored = self.get(reference).ok_or_else(ApiError::wrong_file)?;
        if !kind.accepts(stored.kind) {
            return Err(ApiError::bad_request("type of file mismatch"));
        }
        Ok(match (&stored.photo_set, kind) {
            (Some(set), MediaKind::Photo) => Body::Photo(set.clone()),
            _ => Body::File(kind, stored.meta.clone()),
        })
    }
}
