/** A worker thread of the inventory: reads the batches it is sent (readBatch.ts) and posts back what they gave. */
import { parentPort } from 'node:worker_threads';
import { type Batch, readBatch } from './readBatch.js';

parentPort?.on('message', (batch: Batch) => parentPort?.postMessage(readBatch(batch)));
