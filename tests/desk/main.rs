//! End-to-end tests: the real bot against the Telegram simulator, one module per feature.

mod load;
mod support;

/// Declares a test running `$scenario` in the channel and in the forum layout.
macro_rules! both_layouts {
    ($scenario:ident) => {
        mod $scenario {
            #[tokio::test]
            async fn in_the_channel_layout() {
                super::$scenario(false).await;
            }

            #[tokio::test]
            async fn in_the_forum_layout() {
                super::$scenario(true).await;
            }
        }
    };
}

mod access;
mod canned_replies;
mod crash_safety;
mod customer_to_thread;
mod edits;
mod failures;
mod faults_under_load;
mod first_contact;
mod forum;
mod hostile_input;
mod nothing_lost;
mod service;
mod settings;
mod startup;
mod thread_to_customer;
mod workflow;
