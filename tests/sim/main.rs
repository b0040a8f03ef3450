//! Integration tests of the Telegram simulator: a real teloxide `Bot` (and raw HTTP where
//! teloxide cannot produce the request) against `threadesk::sim`, one module per requirement.

mod support;

mod p1_protocol;
mod p2_spec_checks;
mod p3_world;
mod p4_channel;
mod p5_forum;
mod p6_messages;
mod p7_updates;
mod p8_limits_and_faults;
mod p9_scripting;
mod throughput;
