import { describe, expect, it } from 'vitest';
import type { RuleKind } from '../types.ts';
import { phases } from './index.ts';

const KINDS: RuleKind[] = ['words', 'allow', 'pattern', 'personal_data', 'links', 'shouting', 'flood', 'duplicate', 'length', 'classifier'];

describe('the pipeline', () => {
  it('runs the phases in order', () => {
    expect(phases.map((p) => p.name)).toEqual(['normalise', 'duplicate', 'personal-data', 'words', 'links', 'flood', 'classify', 'decide']);
  });

  it.each(KINDS)('one phase, and one only, evaluates « %s » rules', (kind) => {
    expect(phases.filter((p) => p.kinds.includes(kind))).toHaveLength(1);
  });
});
