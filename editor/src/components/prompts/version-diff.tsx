// Two prompt versions side by side, lines marked as added, removed or changed.
import type { PromptVersion } from '../../api/types';
import { lineDiff, type DiffPart } from '../../state/line-diff';
import { templateText } from './prompt-text';

function Picker({
  versions,
  value,
  onChange,
  testId,
}: {
  versions: PromptVersion[];
  value: number;
  onChange: (v: number) => void;
  testId: string;
}) {
  return (
    <select className="input input-narrow" value={value} data-testid={testId} onChange={(e) => onChange(Number(e.target.value))}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          version {v.version}
        </option>
      ))}
    </select>
  );
}

const meta = (v: PromptVersion) =>
  [v.model, v.temperature !== undefined ? `temp ${v.temperature}` : '', v.note, v.createdAt?.slice(0, 10)].filter(Boolean).join(' · ');

/** One side of a row; on changed rows the words that differ are marked. */
function Cell({ text, parts, side }: { text?: string; parts?: DiffPart[]; side: 'left' | 'right' }) {
  return (
    <pre className={`diff-cell diff-${side}`}>
      {parts
        ? parts.map((p, i) =>
            p.changed ? (
              <mark key={i} className="diff-word">
                {p.text}
              </mark>
            ) : (
              p.text
            ),
          )
        : (text ?? '')}
    </pre>
  );
}

export function VersionDiff(props: {
  versions: PromptVersion[];
  left: PromptVersion;
  right: PromptVersion;
  onLeft: (v: number) => void;
  onRight: (v: number) => void;
}) {
  const rows = lineDiff(templateText(props.left.template), templateText(props.right.template));
  const changes = rows.filter((r) => r.kind !== 'same').length;
  return (
    <div className="diff" data-testid="version-diff">
      <div className="diff-head">
        <div>
          <Picker versions={props.versions} value={props.left.version} onChange={props.onLeft} testId="diff-left" />
          <span className="muted"> {meta(props.left)}</span>
        </div>
        <div>
          <Picker versions={props.versions} value={props.right.version} onChange={props.onRight} testId="diff-right" />
          <span className="muted"> {meta(props.right)}</span>
        </div>
      </div>
      <div className="diff-summary muted">{changes ? `${changes} changed ${changes === 1 ? 'line' : 'lines'}` : 'identical text'}</div>
      <div className="diff-body">
        {rows.map((r, i) => (
          <div className={`diff-row diff-${r.kind}`} key={i}>
            <Cell text={r.left} parts={r.leftParts} side="left" />
            <Cell text={r.right} parts={r.rightParts} side="right" />
          </div>
        ))}
      </div>
    </div>
  );
}
