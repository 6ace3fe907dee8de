//! What the store keeps in memory, each under the data's version (`Store::mark`).
//!
//! Views are kept with the data's version they were read at.
//!
//! The version (`Store::data_version`) changes with every committed write, and a reader
//! that sees version N sees every write up to N, so a view loaded when it was N is current
//! while it is still N. On SQLite it is a counter each commit bumps (migration 0031); on
//! PostgreSQL the reader's snapshot, hashed (`postgres::DATA_VERSION_SQL`). The version is
//! read before the view, so a view is never older than its key. Other servers' writes are
//! seen the same way. (The highest audit id, used before, was no such version on
//! PostgreSQL: a transaction holding a lower id could commit after a reader had cached
//! under a higher one, and the stale view stayed.)
//!
//! [`MarkedCache`] keeps one kind of view by a typed key (plans, states, targets …);
//! [`Memo`] keeps the pages' small reads of any type by what and whose (the session, an
//! item, its reports …), so that a page read again while nothing was written costs
//! lookups and no queries.

use crate::{Store, StoreError};

type R<T> = Result<T, StoreError>;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Plan views and the like kept per key; see the module's note.
#[derive(Debug)]
pub(crate) struct MarkedCache<K, V> {
    entries: Mutex<HashMap<K, (i64, Arc<V>)>>,
}

impl<K, V> Default for MarkedCache<K, V> {
    fn default() -> Self {
        MarkedCache {
            entries: Default::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq, V> MarkedCache<K, V> {
    fn lock(&self) -> MutexGuard<'_, HashMap<K, (i64, Arc<V>)>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get(&self, k: &K, mark: i64) -> Option<Arc<V>> {
        self.lock()
            .get(k)
            .filter(|(m, _)| *m == mark)
            .map(|(_, v)| v.clone())
    }

    pub(crate) fn put(&self, k: K, mark: i64, v: Arc<V>) {
        put_marked(&mut self.lock(), crate::PLAN_CACHE_SIZE, k, mark, v);
    }
}

/// Puts `v` under `mark`, the one policy of both kinds of cache. Entries of other versions
/// are stale (or, from a slower reader, about to be): they go first; versions are compared
/// for equality only. A full cache starts afresh: dropping one entry (the first the map
/// yields) would drop the same slots over and over, and a hot read (the session, a list
/// page, the plan everyone opens) kept losing its place to the reads it pushed out;
/// afresh, a hot read is read again once per fill.
fn put_marked<K: std::hash::Hash + Eq, V>(
    entries: &mut HashMap<K, (i64, V)>,
    cap: usize,
    k: K,
    mark: i64,
    v: V,
) {
    entries.retain(|_, (m, _)| *m == mark);
    if entries.len() >= cap {
        entries.clear();
    }
    entries.insert(k, (mark, v));
}

/// What a memo entry holds: which read (`what`, a store method's name) of whose (`id`,
/// or `text` for a key that is not an id).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct MemoKey {
    what: &'static str,
    id: i64,
    text: Box<str>,
}

type MemoValue = Arc<dyn Any + Send + Sync>;

/// Reads kept: a page's reads are a few KB each (a list page some 25 KB), so a full memo
/// is at most some 25 MB; 1,024 holds the reads of some 80 item pages and the sessions of hundreds.
const MEMO_SIZE: usize = 1024;

/// The pages' small reads, of any type, under the data version.
#[derive(Default)]
pub(crate) struct Memo {
    entries: Mutex<HashMap<MemoKey, (i64, MemoValue)>>,
    /// Reads made because nothing was kept (tests: `Store::memo_load_count`).
    loads: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").finish_non_exhaustive()
    }
}

impl Memo {
    fn lock(&self) -> MutexGuard<'_, HashMap<MemoKey, (i64, MemoValue)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get<T: Clone + 'static>(&self, k: &MemoKey, mark: i64) -> Option<T> {
        let entries = self.lock();
        let (m, v) = entries.get(k)?;
        if *m != mark {
            return None;
        }
        v.downcast_ref::<T>().cloned()
    }

    fn put(&self, k: MemoKey, mark: i64, v: MemoValue) {
        put_marked(&mut self.lock(), MEMO_SIZE, k, mark, v);
    }
}

impl Store {
    /// The data's version (`Store::data_version`). On a SQLite file it is read by the
    /// probe on this thread; elsewhere, or when the probe cannot read, through the pool.
    pub(crate) async fn mark(&self) -> R<i64> {
        if let Some(v) = self.ctx.probe.as_ref().and_then(|p| p.read()) {
            return Ok(v);
        }
        dispatch!(self, tx::data_version())
    }

    /// `load`'s result, kept under the data version with the key (`what`, `id`, `text`):
    /// while nothing is written, the same read costs a lookup and a clone. For reads that
    /// depend only on the data and the key, never on the clock or the caller.
    pub(crate) async fn memo<T, F>(&self, what: &'static str, id: i64, text: &str, load: F) -> R<T>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = R<T>>,
    {
        let mark = self.mark().await?;
        let key = MemoKey {
            what,
            id,
            text: text.into(),
        };
        if let Some(v) = self.ctx.memo.get::<T>(&key, mark) {
            return Ok(v);
        }
        self.ctx
            .memo
            .loads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let v = load.await?;
        self.ctx.memo.put(key, mark, Arc::new(v.clone()));
        Ok(v)
    }

    /// How many memo reads went to the database (tests hold the item page to none while
    /// nothing was written).
    #[doc(hidden)]
    pub fn memo_load_count(&self) -> u64 {
        self.ctx
            .memo
            .loads
            .load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(what: &'static str, id: i64) -> MemoKey {
        MemoKey {
            what,
            id,
            text: "".into(),
        }
    }

    #[test]
    fn a_kept_read_is_served_at_its_version_only() {
        let memo = Memo::default();
        memo.put(key("item", 1), 7, Arc::new(String::from("một")));
        assert_eq!(
            memo.get::<String>(&key("item", 1), 7).as_deref(),
            Some("một")
        );
        assert_eq!(
            memo.get::<String>(&key("item", 1), 8),
            None,
            "another version"
        );
        assert_eq!(memo.get::<i64>(&key("item", 1), 7), None, "another type");
        assert_eq!(memo.get::<String>(&key("item", 2), 7), None, "another item");
        // A read at a newer version drops the older ones.
        memo.put(key("item", 2), 8, Arc::new(String::from("hai")));
        assert_eq!(memo.lock().len(), 1);
    }

    /// Reads made while the memo is full must not keep pushing out the same hot read: a
    /// page's session and list, read on every request, stay kept between misses.
    #[test]
    fn a_full_memo_keeps_its_hot_reads() {
        let memo = Memo::default();
        for id in 0..MEMO_SIZE as i64 * 3 {
            memo.put(key("item", id), 1, Arc::new(id));
        }
        memo.put(key("session", 0), 1, Arc::new(0_i64));
        let mut lost = 0;
        for id in 0..100 {
            if memo.get::<i64>(&key("session", 0), 1).is_none() {
                lost += 1;
                memo.put(key("session", 0), 1, Arc::new(0_i64));
            }
            memo.put(key("other", id), 1, Arc::new(id));
        }
        assert!(
            lost <= 1,
            "the hot read was lost {lost} times in 100 misses"
        );
        assert!(memo.lock().len() <= MEMO_SIZE);
    }
}
