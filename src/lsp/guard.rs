//! Keeping a session alive through failures in the core: a panic is caught and logged
//! instead of ending the session, and a lock poisoned by one is still read.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use tracing::error;

/// Runs core code so that a panic in it is logged instead of ending the session.
pub fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(panic) => {
            error!("{what} failed: {}", panic_message(panic.as_ref()));
            None
        }
    }
}

/// What a panic said, as far as it can be read.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A point where a debug build fails on demand, to test that a failure is contained:
/// `CAREER_LSP_FAIL_AT="NAME:N"` panics at the N-th time the point named NAME is passed
/// (counting from 1), and only then; `"NAME:N:hang"` blocks the thread there for good
/// instead. Release builds have no such points.
pub fn fail_point(name: &str) {
    #[cfg(debug_assertions)]
    {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::OnceLock;
        static AT: OnceLock<Option<(String, usize, bool)>> = OnceLock::new();
        static PASSED: AtomicUsize = AtomicUsize::new(0);
        let at = AT.get_or_init(|| {
            let value = std::env::var("CAREER_LSP_FAIL_AT").ok()?;
            let (value, hang) = match value.strip_suffix(":hang") {
                Some(value) => (value.to_string(), true),
                None => (value, false),
            };
            let (point, nth) = value.rsplit_once(':')?;
            Some((point.to_string(), nth.parse().ok()?, hang))
        });
        if let Some((point, nth, hang)) = at {
            if point == name && PASSED.fetch_add(1, Ordering::SeqCst) + 1 == *nth {
                if *hang {
                    loop {
                        std::thread::sleep(std::time::Duration::from_secs(3600));
                    }
                }
                panic!("failing at “{name}” as CAREER_LSP_FAIL_AT asks");
            }
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

// A panic while a lock is held poisons it; the data is still the best we have, so the
// server carries on with it rather than failing every later request.
pub fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

pub fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
