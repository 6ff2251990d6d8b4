// One prompt: its labels (movable), two versions side by side with a diff, a form for a new
// version, and the flows that use it.
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/client';
import type { PromptDetail } from '../../api/types';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/use-async';
import { AddVersion } from './add-version';
import { LabelEditor } from './label-editor';
import { promptExamples, UsedBy } from './used-by';
import { VersionDiff } from './version-diff';

export function PromptDetailView({ name, known, onChanged }: { name: string; known: boolean; onChanged: () => void }) {
  const detail = useAsync<PromptDetail | null>(
    () => api.getPrompt(name).catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err))),
    [name, known],
  );
  const examples = useAsync(() => promptExamples(name).catch(() => []), [name]);
  const versions = [...(detail.data?.versions ?? [])].sort((a, b) => a.version - b.version);
  const latest = versions[versions.length - 1]?.version ?? 0;
  const [left, setLeft] = useState(0);
  const [right, setRight] = useState(0);
  useEffect(() => {
    setRight(latest);
    setLeft(Math.max(1, latest - 1));
  }, [latest]);
  const changed = () => {
    detail.reload();
    onChanged();
  };
  if (detail.loading && detail.data === undefined) return <Loading what={`prompt ${name}`} />;
  if (detail.error) return <ErrorState error={detail.error} retry={detail.reload} />;
  const d = detail.data;
  const byNumber = (v: number) => versions.find((x) => x.version === v);
  return (
    <div className="prompt-detail" data-testid="prompt-detail">
      <div className="page-head">
        <div>
          <h1>{name}</h1>
          <p className="muted">{d?.description || (d ? `${versions.length} versions` : 'A new prompt: add its first version below.')}</p>
        </div>
      </div>
      {d && <LabelEditor name={name} labels={d.labels} versions={versions.map((v) => v.version)} onChanged={changed} />}
      {versions.length > 0 && (
        <VersionDiff
          versions={versions}
          left={byNumber(left) ?? versions[0]}
          right={byNumber(right) ?? versions[versions.length - 1]}
          onLeft={setLeft}
          onRight={setRight}
        />
      )}
      <div className="two-col">
        <AddVersion name={name} base={byNumber(latest)} examples={examples.data ?? []} onAdded={changed} />
        <UsedBy name={name} />
      </div>
    </div>
  );
}
