//! Who is calling: the bearer token matched against `api_tokens` in constant time (both sides
//! hashed first, so neither the content nor the length of a token leaks through timing), the
//! access it grants, and its request budget (a token bucket refilled every minute).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::{ApiError, ApiState};
use crate::config::Access;

/// The token a request was made with.
pub struct Caller {
    /// The token's name.
    pub name: String,
}

/// Checks the request's token and its access, and takes one request from its budget.
pub fn authorize(state: &ApiState, headers: &HeaderMap, need: Access) -> Result<Caller, ApiError> {
    let presented = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(ApiError::Unauthorized)?;
    let presented = Sha256::digest(presented.as_bytes());
    let mut found = None;
    // Every token is compared, so the time taken does not say which one matched.
    for token in &state.settings.api_tokens {
        let known = Sha256::digest(token.secret.expose().as_bytes());
        if bool::from(known.ct_eq(&presented)) {
            found = Some(token);
        }
    }
    let token = found.ok_or(ApiError::Unauthorized)?;
    if need == Access::Write && token.access == Access::Read {
        return Err(ApiError::Forbidden);
    }
    state.budgets.take(&token.name)?;
    Ok(Caller {
        name: token.name.clone(),
    })
}

/// Each token's remaining requests.
pub struct Budgets {
    per_minute: u32,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Budgets {
    /// Budgets of `per_minute` requests, with bursts up to the same number.
    pub fn new(per_minute: u32) -> Budgets {
        Budgets {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the token's budget, or says when to come back.
    fn take(&self, token: &str) -> Result<(), ApiError> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (tokens, at) = buckets.entry(token.to_owned()).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - *tokens) / per_second).ceil() as u64;
            Err(ApiError::RateLimited(wait.max(1)))
        }
    }
}
