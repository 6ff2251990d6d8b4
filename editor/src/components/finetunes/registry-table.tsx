// The model registry (GET /v1/models/registry): every tuned model with its base model, training
// cost, prices, hosting and retirement, retired and soon-retiring ones flagged.
import { Empty } from '../ui/states';
import type { RegistryModel } from './finetunes-api';
import { money } from './job-format';
import { useRegistry } from './use-registry';

export const RetirementBadge = ({ m }: { m: Pick<RegistryModel, 'retirement' | 'retiresAt'> }) =>
  m.retirement ? (
    <span className={`pill ${m.retirement === 'retired' ? 'pill-bad' : 'pill-warn'}`} data-testid="retirement-badge">
      {m.retirement === 'retired' ? `retired ${m.retiresAt}` : `retires ${m.retiresAt}`}
    </span>
  ) : m.retiresAt ? (
    <span className="muted">retires {m.retiresAt}</span>
  ) : (
    <span className="muted">no date known</span>
  );

export function RegistryTable() {
  const registry = useRegistry();
  const models = { data: registry.models, error: registry.error };
  return (
    <section className="registry">
      <h2 className="section-title">Model registry</h2>
      {models.error && <p className="field-error">{models.error}</p>}
      {models.data?.length === 0 && <Empty title="No tuned model yet">A job's model is registered when it succeeds.</Empty>}
      {!!models.data?.length && (
        <table className="table" data-testid="registry-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Provider</th>
              <th>Base model</th>
              <th>Training cost</th>
              <th>Input / output per M</th>
              <th>Hosting / h</th>
              <th>Retirement</th>
            </tr>
          </thead>
          <tbody>
            {models.data.map((m) => (
              <tr key={m.model}>
                <td className="code">{m.model}</td>
                <td>{m.provider}</td>
                <td className="code">{m.baseModel}</td>
                <td className="num">{money(m.trainingCostUsd)}</td>
                <td className="num">
                  {money(m.prices.inputPerMTok)} / {money(m.prices.outputPerMTok)}
                </td>
                <td className="num">{money(m.hostingPerHour)}</td>
                <td>
                  <RetirementBadge m={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
