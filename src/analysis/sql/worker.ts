/**
 * Worker-thread entry of the SQL analyser (see project/sql-analyser.ts): analyses
 * batches of SQL texts while the main thread parses TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import type { Dialect, SqlAnalysis } from '../facts.js';
import { analyzeSql, initSqlParsers } from './index.js';

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
  await initSqlParsers();
  port.on('message', (batch: SqlRequest[]) => {
    port.postMessage(batch.map(({ id, text, dialect }): SqlReply => ({ id, analysis: analyzeSql(text, dialect) })));
  });
}
