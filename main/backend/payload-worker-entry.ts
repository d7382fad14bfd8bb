/**
 * The payload worker thread (dist/main/payload-worker.cjs): a filing package's large payload files
 * are hashed (SM3, SHA-256) and deflated here, in parallel with the rest of the build. Started and
 * stopped by the package service for each build; see main/services/package/payload-prep.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { servePayloadPreparation } from '../services/package/index';

if (!parentPort) throw new Error('payload-worker-entry must run in a worker thread');
void servePayloadPreparation(parentPort, (workerData as { level?: number } | null)?.level);
