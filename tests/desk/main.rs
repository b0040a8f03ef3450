//! End-to-end tests: the real bot against the Telegram simulator, one module per feature.

mod support;

mod canned_replies;
mod customer_to_thread;
mod edits;
mod failures;
mod first_contact;
mod forum;
mod nothing_lost;
mod service;
mod settings;
mod startup;
mod thread_to_customer;
mod workflow;
