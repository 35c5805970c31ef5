#!/usr/bin/env node
// @ts-check
// Another process writing to a saved database, the way a second interview does, for tests of
// commands that read beside it (`data backup`).
//
//   node test/support/db-writer.mjs <db file> commit   insert a session, commit, repeat
//   node test/support/db-writer.mjs <db file> hold     insert sessions inside a write
//                                                      transaction that is never committed
//
// commit: prints `committed N` after each commit. hold: prints `holding N` once the rows are
// written and the transaction is open. Runs until killed; its connection stays open all along,
// so what it committed sits in the write-ahead log (no last-close checkpoint).

import Database from 'better-sqlite3';

const [file, mode] = process.argv.slice(2);
if (!file || (mode !== 'commit' && mode !== 'hold')) {
  process.stderr.write('usage: node test/support/db-writer.mjs <db file> commit|hold\n');
  process.exit(2);
}

const db = new Database(file, { timeout: 5000 });
const insert = db.prepare(
  `INSERT INTO sessions (id, role_id, role_title, difficulty, planned_questions, plan_json, interviewer, status, started_at)
   VALUES (?, 'backend', 'Backend Engineer', 'medium', 1, '[]', 'question-bank', 'completed', ?)`,
);
/** @param {string} id */
const add = (id) => insert.run(id, new Date().toISOString());

if (mode === 'hold') {
  db.exec('BEGIN IMMEDIATE');
  for (let i = 0; i < 20; i++) add(`uncommitted-${i}`);
  process.stdout.write('holding 20\n');
  setInterval(() => {}, 60_000);
} else {
  let n = 0;
  const tick = () => {
    add(`committed-${process.pid}-${n++}`);
    process.stdout.write(`committed ${n}\n`);
    setTimeout(tick, 2);
  };
  tick();
}
