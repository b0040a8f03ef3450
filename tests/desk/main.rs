//! End-to-end tests: the real bot against the Telegram simulator, one module per feature.

mod existing_bot;
mod load;
mod receiver;
mod support;

mod access;
mod api;
mod assignment;
mod at_rest;
mod broadcasts;
mod buttons;
mod canned_replies;
mod crash_safety;
mod customer_to_thread;
mod edits;
mod failures;
mod faults_under_load;
mod first_contact;
mod forum;
mod hostile_input;
mod lobby;
mod membership;
mod newer_bot_api;
mod nothing_lost;
mod proxy;
mod proxy_crash;
mod pseudonyms;
mod service;
mod settings;
mod startup;
mod statistics;
mod tags_and_fields;
mod thread_to_customer;
mod webhooks;
mod workflow;
mod workspace_change;
