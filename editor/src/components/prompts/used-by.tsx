// Which flows use a prompt: every node whose prompt reference names it.
import { api } from '../../api/endpoints';
import { nodeRegistry } from '../../engine';
import { navigate } from '../../router';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';

/** The example inputs of the flows that use a prompt, to preview it with. */
export async function promptExamples(name: string): Promise<{ name: string; input: unknown }[]> {
  const found = await usages(name);
  const flows = await Promise.all([...new Set(found.map((u) => u.flowId))].map((id) => api.getFlow(id)));
  return flows.flatMap(({ flow }) => (flow.examples ?? []).map((x) => ({ name: `${flow.id}: ${x.name}`, input: x.input })));
}

async function usages(name: string) {
  const flows = await api.listFlows();
  const found: { flowId: string; flowName: string; nodeId: string; ref: string }[] = [];
  await Promise.all(
    flows.map(async (s) => {
      const { flow } = await api.getFlow(s.id);
      for (const n of flow.nodes) {
        const refs = (() => {
          try {
            return nodeRegistry.get(n.type)?.promptRefs(n.data) ?? [];
          } catch {
            return [];
          }
        })();
        for (const r of refs)
          if (r.source.split('@')[0] === name) found.push({ flowId: flow.id, flowName: flow.name, nodeId: n.id, ref: r.source });
      }
    }),
  );
  return found.sort((a, b) => a.flowId.localeCompare(b.flowId));
}

export function UsedBy({ name }: { name: string }) {
  const used = useAsync(() => usages(name), [name]);
  return (
    <div className="card" data-testid="used-by">
      <div className="field-label">Used by</div>
      {used.loading && !used.data && <Loading what="flows" />}
      {used.error && <ErrorState error={used.error} retry={used.reload} />}
      {used.data?.length === 0 && <Empty title="Not used by any flow" />}
      <ul className="plain">
        {used.data?.map((u) => (
          <li key={`${u.flowId}/${u.nodeId}`}>
            <a href={`/flows/${u.flowId}`} onClick={(e) => (e.preventDefault(), navigate(`/flows/${u.flowId}`))}>
              {u.flowName}
            </a>{' '}
            <span className="muted">
              node {u.nodeId} · {u.ref}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
