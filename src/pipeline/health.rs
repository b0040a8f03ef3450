//! Problems the running bot knows about and cannot fix itself (a missing access to a team
//! chat, ...), each under a stable name, for the operators: `/healthz` lists them and reports
//! the bot degraded while any remains. Whoever detects a problem sets it and clears it once it
//! is gone; this module only keeps the list.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The current problems, by name.
#[derive(Debug, Default)]
pub struct Problems {
    current: Mutex<BTreeMap<&'static str, String>>,
}

impl Problems {
    /// Records (or rewords) the problem `name`.
    pub fn set(&self, name: &'static str, description: String) {
        self.lock().insert(name, description);
    }

    /// The problem `name` is gone.
    pub fn clear(&self, name: &'static str) {
        self.lock().remove(name);
    }

    /// The descriptions of the current problems, by name.
    pub fn list(&self) -> Vec<String> {
        self.lock().values().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<&'static str, String>> {
        self.current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_listed_until_it_is_cleared() {
        let problems = Problems::default();
        problems.set("membership", "cannot check".into());
        problems.set("membership", "cannot check, still".into());
        assert_eq!(problems.list(), ["cannot check, still"]);
        problems.clear("membership");
        assert!(problems.list().is_empty());
    }
}
