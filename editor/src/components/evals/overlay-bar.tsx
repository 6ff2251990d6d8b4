// The bar over the canvas while an eval overlay is on: which eval run, the variant (switchable),
// back to the Evals view, and off.
import { navigate } from '../../router';
import { flowViewPath } from '../flows/flow-views';
import { setOverlay, setOverlayVariant, useOverlay } from './overlay-store';

export function EvalOverlayBar({ flowId }: { flowId: string }) {
  const o = useOverlay();
  if (!o || o.flowId !== flowId) return null;
  return (
    <div className="eval-overlay-bar" data-testid="eval-overlay-bar" role="region" aria-label="Eval overlay">
      <span>
        Eval <strong>{o.evalName}</strong> <code>{o.runId.slice(0, 8)}</code> on the canvas, variant
      </span>
      <select className="input input-narrow" aria-label="Overlay variant" data-testid="overlay-variant" value={o.variant} onChange={(e) => setOverlayVariant(e.target.value)}>
        {Object.keys(o.stats).map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
      <button className="btn btn-small btn-ghost" onClick={() => navigate(flowViewPath(flowId, 'evals'))}>
        Evals
      </button>
      <button className="icon-btn" aria-label="Hide the eval overlay" data-testid="overlay-off" onClick={() => setOverlay(null)}>
        ✕
      </button>
    </div>
  );
}
