//! Integration tests of the Telegram simulator: a real teloxide `Bot` (and raw HTTP where
//! teloxide cannot produce the request) against `telegram_sim`, one module per topic. They
//! build as one test binary (`autotests = false` in Cargo.toml): a new topic is a new module here.
//!
//! - `support`: shared set-ups (a started simulator, clients, raw calls, update draining, a desk).
//! - `protocol`: URL shapes, bodies, envelopes, status codes, downloads.
//! - `spec_checks`: every call checked against the Bot API reference; unmodelled methods.
//! - `world`: chats, membership, rights and what each method requires of them.
//! - `channel`: automatic forwards as thread roots, comment threads, privacy mode, edits, pins.
//! - `forum`: forum topics, routing by `message_thread_id`, the General topic, rights.
//! - `messages`: messages of every kind, formatting, limits, media, copies, forwards, albums.
//! - `updates`: offsets, long polling, webhooks, inline and callback queries, membership updates.
//! - `limits_and_faults`: rate limits, fault injection, refusals of unreachable users, counters.
//! - `scripting`: building the world, acting in it, reading back what chats show.
//! - `throughput`: thousands of calls per second in a release build.

mod support;

mod channel;
mod forum;
mod limits_and_faults;
mod messages;
mod protocol;
mod scripting;
mod spec_checks;
mod throughput;
mod updates;
mod world;
