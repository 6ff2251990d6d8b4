// The Releases view of a flow: publish the draft with a note, the versions with their labels,
// a side-by-side semantic diff of any two (or the draft), and label moves (release, rollback)
// with a confirmation. The chip on top says what the edge URL serves now.
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import type { FlowVersionSummary } from '../../api/types';
import type { FlowDiff } from '../../engine';
import { releasesChanged } from '../../state/releases';
import { useEditor } from '../../state/use-editor';
import { ErrorState, Loading } from '../ui/states';
import { FlowDiffView } from './flow-diff-view';
import { LabelMoveDialog, type LabelMove } from './label-move-dialog';
import { releaseText } from './release-chip';

export function ReleasesView({ flowId }: { flowId: string }) {
  const ed = useEditor();
  const { info, error } = ed.releases;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [move, setMove] = useState<LabelMove>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('draft');
  const [diff, setDiff] = useState<{ diff?: FlowDiff; error?: string; from: string; to: string }>();

  // Compare the served version with the draft by default.
  useEffect(() => {
    if (info && !from) setFrom(info.served ? String(info.served.version) : info.latest ? String(info.latest) : '');
  }, [info, from]);
  useEffect(() => {
    if (!from || !to || from === to) return setDiff(undefined);
    let live = true;
    api.flowDiff(flowId, from, to).then(
      (d) => live && setDiff({ diff: d, from, to }),
      (err: Error) => live && setDiff({ error: err.message, from, to }),
    );
    return () => {
      live = false;
    };
  }, [flowId, from, to, info]);

  if (error && !info) return <ErrorState error={error} retry={ed.releases.reload} />;
  if (!info) return <Loading what="releases" />;

  const publish = async () => {
    setBusy(true);
    setMessage(undefined);
    try {
      if (ed.dirty && !(await ed.save())) throw new Error('the draft could not be saved');
      const v = await api.publishFlow(flowId, note.trim() || undefined);
      setNote('');
      setMessage({
        ok: true,
        text: v.version > info.latest ? `Published version ${v.version}.` : `The draft is already version ${v.version}.`,
      });
      releasesChanged();
    } catch (err) {
      setMessage({ ok: false, text: `Not published: ${(err as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const labelsOf = (v: number) =>
    Object.entries(info.labels)
      .filter(([, n]) => n === v)
      .map(([l]) => l);
  const production = info.labels.production;
  const sideName = (s: string) => (s === 'draft' ? 'draft' : /^\d+$/.test(s) ? `v${s}` : s);
  const sides = ['draft', ...[...info.versions].reverse().map((v) => String(v.version))];
  const chip = releaseText(info, ed.dirty);

  return (
    <div className="releases" data-testid="releases">
      <section className="releases-head">
        <h1>Releases</h1>
        <p className={`release-status tone-${chip.tone}`} data-testid="release-status">
          {chip.long}
        </p>
        <form className="publish-form" onSubmit={(e) => (e.preventDefault(), void publish())}>
          <label htmlFor="publish-note" className="field-label">
            Publish the draft as a new version
          </label>
          <div className="row">
            <input
              id="publish-note"
              className="input"
              placeholder="Note, e.g. classifier prompt v3, stricter JSON"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
              data-testid="publish-note"
            />
            <button className="btn btn-primary" disabled={busy} data-testid="publish">
              {ed.dirty ? 'Save and publish' : 'Publish'}
            </button>
          </div>
          {message && (
            <div className={message.ok ? 'field-ok' : 'field-error'} data-testid="publish-message" role="status">
              {message.text}
            </div>
          )}
        </form>
      </section>

      <section>
        <h2 className="section-title">Versions</h2>
        {info.versions.length === 0 ? (
          <p className="muted" data-testid="no-versions">
            No version yet: the edge URL runs the saved draft. Publish to freeze one; then labels (production, staging) pick which version
            the URL serves, and moving a label back is the rollback.
          </p>
        ) : (
          <table className="table versions-table" data-testid="versions-table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Published</th>
                <th>Note</th>
                <th>Labels</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...info.versions].reverse().map((v: FlowVersionSummary) => (
                <tr key={v.version} data-testid={`version-row-${v.version}`}>
                  <td>
                    <strong>v{v.version}</strong>{' '}
                    <code className="muted" title={v.hash}>
                      {v.hash.slice(0, 8)}
                    </code>
                    {info.draftHash === v.hash && <span className="pill pill-ok">= draft</span>}
                  </td>
                  <td className="nowrap muted">{new Date(v.createdAt).toLocaleString()}</td>
                  <td>{v.note ?? <span className="muted">—</span>}</td>
                  <td>
                    {labelsOf(v.version).map((l) => (
                      <span key={l} className={`label-chip label-${l}`} data-testid={`label-${l}`}>
                        {l}
                      </span>
                    ))}
                  </td>
                  <td className="nowrap actions">
                    <button className="btn btn-small btn-ghost" onClick={() => (setFrom(String(v.version)), setTo('draft'))}>
                      Diff with draft
                    </button>
                    {production !== v.version && (
                      <button
                        className="btn btn-small"
                        data-testid={`serve-${v.version}`}
                        onClick={() => setMove({ label: 'production', version: v.version, from: production })}
                      >
                        {production && v.version < production ? 'Roll back to this' : 'Release to production'}
                      </button>
                    )}
                    <button
                      className="btn btn-small btn-ghost"
                      data-testid={`label-${v.version}`}
                      onClick={() => setMove({ label: '', version: v.version })}
                    >
                      Label…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {info.versions.length > 0 && (
        <section>
          <h2 className="section-title">Compare</h2>
          <div className="row compare-row">
            <label htmlFor="diff-from">From</label>
            <select id="diff-from" className="input" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
              {sides.map((s) => (
                <option key={s} value={s}>
                  {sideName(s)}
                  {labelsOf(Number(s)).length ? ` (${labelsOf(Number(s)).join(', ')})` : ''}
                </option>
              ))}
            </select>
            <label htmlFor="diff-to">to</label>
            <select id="diff-to" className="input" value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
              {sides.map((s) => (
                <option key={s} value={s}>
                  {sideName(s)}
                  {labelsOf(Number(s)).length ? ` (${labelsOf(Number(s)).join(', ')})` : ''}
                </option>
              ))}
            </select>
          </div>
          {from === to && <p className="field-help">Pick two different sides.</p>}
          {diff?.error && <div className="field-error">{diff.error}</div>}
          {diff?.diff && <FlowDiffView diff={diff.diff} fromLabel={sideName(diff.from)} toLabel={sideName(diff.to)} />}
        </section>
      )}
      {move && (
        <LabelMoveDialog
          flowId={flowId}
          move={move}
          labels={info.labels}
          onClose={() => setMove(undefined)}
          onMoved={(text) => (setMove(undefined), setMessage({ ok: true, text }), releasesChanged())}
        />
      )}
    </div>
  );
}
