//! Work shared by one thread per core, fed from a bounded queue by the calling thread, so what
//! waits to be done stays small whatever the input's size. The first failure stops the feeding;
//! the queue closes when the last worker stops, however it stops, so the feeder never waits on
//! a queue no one empties.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Hands jobs to the workers.
pub struct Feeder<'a, J> {
    jobs: SyncSender<J>,
    failed: &'a Mutex<Option<String>>,
}

impl<J> Feeder<'_, J> {
    /// Queues `job` (waiting while the queue is full); the first worker's failure, if any.
    pub fn send(&self, job: J) -> Result<(), String> {
        let closed = self.jobs.send(job).is_err();
        if let Some(failure) = lock(self.failed).clone() {
            return Err(failure);
        }
        if closed { Err("the work stopped unexpectedly".to_owned()) } else { Ok(()) }
    }
}

/// Runs `feed` on this thread while `work` runs on `workers` threads; returns `feed`'s result,
/// or the first failure of `work`, which comes first.
pub fn run<J: Send>(
    workers: usize,
    work: impl Fn(J) -> Result<(), String> + Sync,
    feed: impl FnOnce(&Feeder<'_, J>) -> Result<(), String>,
) -> Result<(), String> {
    let workers = workers.max(1);
    let (jobs, queue) = sync_channel::<J>(4 * workers);
    let queue: Mutex<Option<Receiver<J>>> = Mutex::new(Some(queue));
    let failed: Mutex<Option<String>> = Mutex::new(None);
    let live = AtomicUsize::new(workers);
    let fed = std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let _leaving = Leaving { live: &live, queue: &queue };
                loop {
                    // The lock is held only while waiting for the next job.
                    let Some(job) = lock(&queue).as_ref().and_then(|queue| queue.recv().ok()) else { break };
                    // After a failure the queue is only emptied.
                    if lock(&failed).is_some() {
                        continue;
                    }
                    if let Err(failure) = work(job) {
                        lock(&failed).get_or_insert(failure);
                    }
                }
            });
        }
        // The feeder goes when `feed` returns: the workers finish what is queued, then stop.
        feed(&Feeder { jobs, failed: &failed })
    });
    match lock(&failed).take() {
        Some(failure) => Err(failure),
        None => fed,
    }
}

/// Counts a worker out; the last one closes the queue.
struct Leaving<'a, J> {
    live: &'a AtomicUsize,
    queue: &'a Mutex<Option<Receiver<J>>>,
}

impl<J> Drop for Leaving<'_, J> {
    fn drop(&mut self) {
        if self.live.fetch_sub(1, Ordering::SeqCst) == 1 {
            lock(self.queue).take();
        }
    }
}

/// A lock that a panicking holder does not make unusable (what it guards stays consistent).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_is_done_once() {
        let done = Mutex::new(Vec::new());
        let result = run(
            3,
            |job: usize| {
                lock(&done).push(job);
                Ok(())
            },
            |feeder| (0..1000).try_for_each(|job| feeder.send(job)),
        );
        assert_eq!(result, Ok(()));
        let mut done = done.into_inner().expect("a list");
        done.sort_unstable();
        assert_eq!(done, (0..1000).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_failure_stops_the_feeding() {
        let result = run(
            2,
            |job: usize| if job == 10 { Err(format!("job {job} failed")) } else { Ok(()) },
            |feeder| (0..100_000).try_for_each(|job| feeder.send(job)),
        );
        assert_eq!(result, Err("job 10 failed".to_owned()));
    }

    #[test]
    fn workers_that_stop_short_never_leave_the_feeder_waiting() {
        // Every worker panics on its first job: the queue closes, and the feeding ends.
        let run = std::panic::catch_unwind(|| {
            run(
                2,
                |_: usize| -> Result<(), String> { panic!("a bug") },
                |feeder| (0..1000).try_for_each(|job| feeder.send(job)),
            )
        });
        assert!(run.is_err(), "the workers' panic is passed on");
    }
}
