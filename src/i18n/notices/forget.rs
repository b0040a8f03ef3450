//! Erasure in words (team language): `/forget`'s confirmation, its buttons, and what was
//! removed.

use super::misrouted;
use crate::desk::Notice;
use crate::i18n::Localizer;

impl Localizer {
    /// A notice about erasing a customer.
    pub(super) fn forget_text(&self, notice: &Notice, language: &str) -> String {
        let text = |id: &str, args: &[(&str, String)]| self.text(language, id, args);
        match notice {
            Notice::ForgetAsk => text("forget-ask", &[]),
            Notice::ForgetButton => text("forget-button", &[]),
            Notice::ForgetCancelButton => text("forget-button-cancel", &[]),
            Notice::ForgetCancelled => text("forget-cancelled", &[]),
            Notice::ForgetNothing => text("forget-nothing", &[]),
            Notice::Forgotten(erasure) => {
                let count = |value: u32| value.to_string();
                let removed = text(
                    "forgotten",
                    &[
                        ("tickets", count(erasure.tickets)),
                        ("ratings", count(erasure.ratings)),
                        ("tags", count(erasure.tags)),
                        ("fields", count(erasure.fields)),
                        ("links", count(erasure.links)),
                        ("threads", count(erasure.threads)),
                        ("timers", count(erasure.timers)),
                        (
                            "queued",
                            count(erasure.queued + u32::from(erasure.buffered)),
                        ),
                        (
                            "broadcasts",
                            count(erasure.deliveries + u32::from(erasure.opted_out)),
                        ),
                    ],
                );
                format!("{removed}\n{}", text("forgotten-kept", &[]))
            }
            other => misrouted(other),
        }
    }
}
