// The replay harness: every recorded history under histories/ must replay with today's workflow
// code, and every workflow must have at least one. A change that would break running cases fails
// here instead of in production. Record a new history with `npm run histories:record`.
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import * as workflows from '..';

const dir = path.join(__dirname, 'histories');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('workflow history replay', () => {
  it('has a recorded history for every workflow', () => {
    const covered = new Set(files.map((f) => f.split('-')[0]));
    for (const name of Object.keys(workflows)) expect([name, covered.has(name)]).toEqual([name, true]);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } }, history, file);
  });
});
