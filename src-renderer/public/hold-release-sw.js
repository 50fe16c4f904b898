/* global self, indexedDB */
// Finishes what a closing page cannot: letting go of the seats a flow (an exchange) held when
// the page is closed or reloaded mid-way (issue 10 item 10). A page's own IndexedDB requests in
// `pagehide` never complete (their answers come back to a page that is gone, so the release
// never commits); the page posts the seats here instead, and this worker, which outlives the
// page, deletes each seat's row only while it is still 'held' by that flow's hold id. A sold
// seat, or one another cart holds now, is never touched (app/hold-sweep.ts). No fetch handler:
// the worker serves and intercepts nothing.

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const m = event.data;
  if (
    m === null ||
    typeof m !== 'object' ||
    m.type !== 'release-holds' ||
    typeof m.db !== 'string' ||
    typeof m.store !== 'string' ||
    typeof m.holdId !== 'string' ||
    !Array.isArray(m.seats)
  )
    return;
  event.waitUntil(release(m.db, m.store, m.holdId, m.seats));
});

/** Deletes the rows of `seats` still held by `holdId`, in one read-write transaction. */
function release(dbName, storeName, holdId, seats) {
  return new Promise((resolve) => {
    const open = indexedDB.open(dbName);
    // Never create or upgrade the till's store from here: no store, nothing to release.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve();
    open.onblocked = () => resolve();
    open.onsuccess = () => {
      const db = open.result;
      const done = () => {
        db.close();
        resolve();
      };
      let tx;
      try {
        tx = db.transaction(storeName, 'readwrite');
      } catch {
        done();
        return;
      }
      tx.oncomplete = done;
      tx.onabort = done;
      const store = tx.objectStore(storeName);
      for (const seat of seats) {
        if (typeof seat?.performanceId !== 'string' || typeof seat?.seatId !== 'string') continue;
        const key = [seat.performanceId, seat.seatId];
        const read = store.get(key);
        read.onsuccess = () => {
          const row = read.result;
          if (row !== undefined && row.state === 'held' && row.holdId === holdId) store.delete(key);
        };
      }
    };
  });
}
