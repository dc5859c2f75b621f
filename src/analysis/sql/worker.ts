/**
 * Worker-thread entry of the SQL analyser (see project/sql-analyser.ts): analyses
 * batches of SQL texts while the main thread parses TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import type { Dialect, SqlAnalysis } from '../facts.js';
import { analyseLoadingParsers } from './analyse-loading.js';

export interface SqlRequest {
  id: number;
  text: string;
  dialect: Dialect;
}

export interface SqlReply {
  id: number;
  analysis: SqlAnalysis;
}

const port = parentPort;
if (port) {
  // Batches are answered in order; each loads the parsers its texts need (sql-analyser.ts).
  let previous = Promise.resolve();
  port.on('message', (batch: SqlRequest[]) => {
    previous = previous.then(async () => {
      const requests = batch.map((r) => ({ ...r, analysis: undefined as SqlAnalysis | undefined }));
      await analyseLoadingParsers(requests);
      port.postMessage(requests.map(({ id, analysis }): SqlReply => ({ id, analysis: analysis! })));
    });
    // A failure ends the worker, as a throw in the handler would: the main thread then analyses inline.
    previous.catch((error: unknown) =>
      setImmediate(() => {
        throw error;
      }),
    );
  });
}
