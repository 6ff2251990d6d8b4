// Every problem the validator found; clicking one selects its node and brings it into view.
import { useEditor } from '../../state/use-editor';
import { useFitView } from '../canvas/use-fit-view';
import { Empty } from '../ui/states';

export function ProblemsList() {
  const ed = useEditor();
  const fitView = useFitView();
  if (!ed.problems.length) return <Empty title="No problems">The flow validates: it will run as saved.</Empty>;
  return (
    <ul className="problems" data-testid="problems-list">
      {ed.problems.map((p, i) => (
        <li key={i}>
          <button
            className={`problem sev-${p.severity}`}
            onClick={() => {
              if (!p.nodeId) return ed.select([]);
              ed.select([p.nodeId]);
              ed.setPanel('inspect');
              fitView({ ids: [p.nodeId], maxZoom: 1.2 });
            }}
          >
            <span className="problem-sev">{p.severity === 'error' ? '●' : '▲'}</span>
            <span className="problem-body">
              <span className="problem-msg">{p.message}</span>
              <span className="problem-where">
                {p.nodeId ? `node ${p.nodeId}` : 'flow'} · {p.code}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
