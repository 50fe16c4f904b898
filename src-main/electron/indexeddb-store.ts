/**
 * Which of Chromium's IndexedDB backing stores the till's data lives in: SQLite for a profile
 * that has no IndexedDB yet, LevelDB for one that already has. This is Chromium's own rollout
 * stage `UseSqliteForNewStores`: on opening an origin's store it looks for that origin's
 * LevelDB folder and keeps using it when there is one; it migrates nothing, so a till made
 * before keeps its data where it is.
 *
 * Why: with a year of sales stored (100,000 orders, 200,000 tickets), LevelDB rewrites about
 * 400 KB in compactions for each ~17 KB sale on a two-core till, and a sale's commit waits
 * behind that work (docs/ARCHITECTURE.md, "The store at 100,000 sales" has the figures).
 * SQLite writes a sale in place.
 *
 * Every launcher of a till window passes this one switch — Electron main, `npm start`'s
 * Chromium window, the tests' and benchmarks' Chromium — because Chromium, started on a
 * profile whose store is SQLite WITHOUT the switch, deletes that store and starts an empty
 * LevelDB one (seen with Chromium 156). Main's journal anchor would then report the store
 * empty and refuse reports and the drawer, but the till's unsynced sales would be gone. So
 * never open a till's profile in a browser started another way, and never ship a build whose
 * Chromium does not know the feature after one that did.
 */
export const indexedDbFeature = 'IdbSqliteOnDiskRollout:stage/UseSqliteForNewStores';

/** The command-line form, for a Chromium started as a process. */
export const indexedDbSwitch = `--enable-features=${indexedDbFeature}`;
