//! The bot's CPU time and wake-ups to the nanosecond, from the scheduler's per-thread counters.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// What the scheduler counted for a process: time on a CPU and how often its threads were put
/// on one (wake-ups), summed over its threads.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sched {
    pub cpu: Duration,
    pub wakeups: u64,
}

impl Sched {
    /// What happened between `earlier` and `self`.
    pub fn since(self, earlier: Sched) -> Sched {
        Sched {
            cpu: self.cpu.saturating_sub(earlier.cpu),
            wakeups: self.wakeups.saturating_sub(earlier.wakeups),
        }
    }
}

/// Reads a process's per-thread scheduler counters (`/proc/<pid>/task/<tid>/schedstat`:
/// nanoseconds on a CPU, times run) to the nanosecond, unlike `/proc/<pid>/stat`'s clock ticks.
/// A background thread samples every 20 ms, so a thread that ends between two readings still
/// counts with what it had used at its last sample.
pub struct SchedSampler {
    threads: Arc<Mutex<HashMap<String, (u64, u64)>>>,
    pid: String,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl SchedSampler {
    /// Starts sampling process `pid`.
    pub fn start(pid: u32) -> SchedSampler {
        let sampler = SchedSampler {
            threads: Arc::default(),
            pid: pid.to_string(),
            stop: Arc::default(),
        };
        let (threads, pid, stop) = (
            Arc::clone(&sampler.threads),
            sampler.pid.clone(),
            Arc::clone(&sampler.stop),
        );
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                sample_threads(&pid, &threads);
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        sampler
    }

    /// The totals now.
    pub fn read(&self) -> Sched {
        sample_threads(&self.pid, &self.threads);
        let threads = self.threads.lock().unwrap_or_else(PoisonError::into_inner);
        let (nanos, runs) = threads
            .values()
            .fold((0, 0), |(nanos, runs), (n, r)| (nanos + n, runs + r));
        Sched {
            cpu: Duration::from_nanos(nanos),
            wakeups: runs,
        }
    }
}

impl Drop for SchedSampler {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Records the latest counters of each live thread of `pid`.
fn sample_threads(pid: &str, threads: &Mutex<HashMap<String, (u64, u64)>>) {
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return;
    };
    let mut seen = Vec::new();
    for entry in entries.flatten() {
        let tid = entry.file_name().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(entry.path().join("schedstat")) else {
            continue;
        };
        let mut fields = text.split_whitespace().map(|field| field.parse::<u64>());
        if let (Some(Ok(nanos)), Some(_), Some(Ok(runs))) =
            (fields.next(), fields.next(), fields.next())
        {
            seen.push((tid, (nanos, runs)));
        }
    }
    let mut threads = threads.lock().unwrap_or_else(PoisonError::into_inner);
    threads.extend(seen);
}
