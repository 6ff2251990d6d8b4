// The retirement check: a warning with the node id and path for a model that is retired or retires
// within 30 days, nothing for later dates, unknown models or malformed flows.
import { describe, expect, it } from 'vitest';
import { checkRetirements } from '../../worker/engine/validate-retirement';

const flow = {
  nodes: [
    { id: 'in', type: 'input', data: {} },
    { id: 'specialist', type: 'finetuned', data: { model: 'ft:gpt-4o-mini:acme:x1000:1', baseModel: 'gpt-4o-mini' } },
    { id: 'base', type: 'prompt', data: { model: 'gpt-4o-mini' } },
    { id: 'other', type: 'prompt', data: { model: 'ft:later' } },
  ],
};
const today = '2026-12-01';

describe('checkRetirements', () => {
  it('warns for a model retiring within 30 days, naming its base model', () => {
    const problems = checkRetirements(
      flow,
      [{ model: 'ft:gpt-4o-mini:acme:x1000:1', retiresAt: '2026-12-31', baseModel: 'gpt-4o-mini' }],
      today,
    );
    expect(problems).toEqual([
      {
        code: 'model_retiring',
        message:
          'model ft:gpt-4o-mini:acme:x1000:1 retires on 2026-12-31 (its base model gpt-4o-mini retires), within 30 days; evaluate a replacement',
        path: '$.nodes[1].data.model',
        nodeId: 'specialist',
        severity: 'warning',
      },
    ]);
  });

  it('says a model retired today or earlier fails', () => {
    const [p] = checkRetirements(flow, [{ model: 'gpt-4o-mini', retiresAt: today }], today);
    expect(p).toMatchObject({ code: 'model_retired', nodeId: 'base', severity: 'warning' });
    expect(p.message).toContain('calls to it fail');
  });

  it('stays quiet for later dates, unknown models and malformed flows', () => {
    expect(checkRetirements(flow, [{ model: 'ft:later', retiresAt: '2027-01-01' }], today)).toEqual([]);
    expect(checkRetirements(flow, [{ model: 'ft:unused', retiresAt: '2026-01-01' }], today)).toEqual([]);
    expect(checkRetirements({ nodes: 'x' }, [{ model: 'ft:later', retiresAt: '2026-01-01' }], today)).toEqual([]);
    expect(checkRetirements(null, [{ model: 'ft:later', retiresAt: '2026-01-01' }], today)).toEqual([]);
  });
});
