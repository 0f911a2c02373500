import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_OPTIONS } from '../../src/answer/answer-options.js';
import { CALIBRATION_FILE, calibrate } from '../../scripts/lib/eval/calibration-data.js';
import { builtIndex } from '../helpers/built-index.js';

const calibrated = await calibrate(await builtIndex(), DEFAULT_ANSWER_OPTIONS);

describe('src/answer/calibration.json', () => {
  it('holds the thresholds the tuning data calibrates to (re-run `npm run eval -- --calibrate` when retrieval, the scope rules or the knowledge change)', async () => {
    const committed = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8')) as Record<string, unknown>;
    const { $comment: _comment, ...values } = committed;
    expect(values).toEqual(calibrated);
  });

  it('is what the service answers with', async () => {
    const committed = JSON.parse(await readFile(CALIBRATION_FILE, 'utf8')) as Record<string, unknown>;
    const { minScore, relativeCutoff, minNovelty, scope, related, confidence } = DEFAULT_ANSWER_OPTIONS;
    expect({ minScore, relativeCutoff, minNovelty, scope, related, confidence }).toEqual({
      minScore: committed.minScore,
      relativeCutoff: committed.relativeCutoff,
      minNovelty: committed.minNovelty,
      scope: committed.scope,
      related: committed.related,
      confidence: committed.confidence,
    });
  });
});
