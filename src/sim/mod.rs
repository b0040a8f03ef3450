//! The Telegram Bot API simulator.
