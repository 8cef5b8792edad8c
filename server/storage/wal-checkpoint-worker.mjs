// The background checkpointer's thread (wal-checkpointer.ts): its own connection to the database,
// copying committed WAL frames into the main file while the server's connection keeps answering.
// Plain JavaScript: a worker thread starts without the TypeScript loader the server runs under.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { fileMustExist: true });
// PASSIVE never waits for readers or the writer and never holds them up; what it cannot copy now
// it copies next time. The WAL starts again from its beginning once a pass has copied everything.
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (error) {
    // Handed to the server, which then checkpoints on its own connection again.
    parentPort.postMessage({ failed: String(error?.message ?? error) });
    clearInterval(timer);
    db.close();
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
