//! The bot itself and files: `getMe`, `getFile`, and the session methods (`logOut`, `close`).

use serde_json::{Value, json};

use super::Request;
use crate::error::ApiError;
use crate::files::DOWNLOAD_LIMIT;
use crate::render;

/// `getMe`.
pub(super) fn get_me(request: &mut Request<'_>) -> Result<Value, ApiError> {
    Ok(render::me(request.world, request.bot))
}

/// `getFile`: the file's metadata and download path.
pub(super) fn get_file(request: &mut Request<'_>) -> Result<Value, ApiError> {
    let id = request.str("file_id").unwrap_or_default();
    let file = request
        .world
        .files
        .get(id)
        .ok_or_else(|| ApiError::bad_request("invalid file id"))?;
    if file.meta.size > DOWNLOAD_LIMIT {
        return Err(ApiError::bad_request("file is too big"));
    }
    Ok(json!({
        "file_id": file.meta.file_id,
        "file_unique_id": file.meta.unique_id,
        "file_size": file.meta.size,
        "file_path": file.path,
    }))
}

/// Methods that only need to succeed.
pub(super) fn accept(_request: &mut Request<'_>) -> Result<Value, ApiError> {
    Ok(Value::Bool(true))
}
