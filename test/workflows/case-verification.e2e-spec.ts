// Replay of case histories with the worker's workflow bundle, as the verification activity does it:
// a recorded history replays cleanly; one changed so the code no longer matches is nondeterministic.
import type { CaseRun } from '#temporal';
import fs from 'node:fs';
import path from 'node:path';
import { replayRunsWith } from '../../apps/worker/src/replay-runs';
import { installQuietRuntime } from '../test-app';

const FIXTURE = path.resolve(__dirname, '../../workflows/test/histories/caseWorkflow-county-permit-approved.json');

function runOf(history: { events: Record<string, unknown>[] }): CaseRun {
  return { runId: 'fixture', events: history.events as CaseRun['events'] };
}

describe('replaying case histories with the worker’s code', () => {
  const replay = replayRunsWith(async () => ({ codePath: process.env.WORKFLOW_BUNDLE_PATH! }));
  beforeAll(() => installQuietRuntime());

  it('replays a recorded case cleanly', async () => {
    const history = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    expect(await replay('case-fixture', [runOf(history)])).toEqual([{ runId: 'fixture', nondeterministic: false, error: null }]);
  });

  it('reports a history the code does not match as nondeterministic', async () => {
    const history = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    // The first activity the workflow schedules is the projection; a history that says otherwise was not made by this code.
    const scheduled = history.events.find((e: { activityTaskScheduledEventAttributes?: unknown }) => e.activityTaskScheduledEventAttributes);
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'issueCaseDocuments';
    const [result] = await replay('case-fixture', [runOf(history)]);
    expect(result).toMatchObject({ runId: 'fixture', nondeterministic: true });
    expect(result!.error).toMatch(/^DeterminismViolationError/);
  });
});
