// Says which version the flow's edge URL serves and whether the draft differs from it; in the
// header (a link to the Releases view) and in the run panel.
import { navigate } from '../../router';
import type { ReleaseInfo } from '../../state/releases';
import { useEditor } from '../../state/use-editor';
import { flowViewPath } from '../flows/flow-views';

export function releaseText(info: ReleaseInfo | undefined, dirty: boolean): { short: string; long: string; tone: 'ok' | 'warn' } {
  if (!info) return { short: 'URL: …', long: 'Reading the releases…', tone: 'ok' };
  const unsaved = dirty ? ' (and you have unsaved changes)' : '';
  if (!info.served)
    return {
      short: 'URL serves the draft',
      long: `Nothing is published: the edge URL runs the saved draft${unsaved}. Publish it in Releases to freeze a version.`,
      tone: 'warn',
    };
  const v = `v${info.served.version}${info.served.label ? ` (${info.served.label})` : ' (latest)'}`;
  if (info.draftDiffers)
    return {
      short: `URL serves ${v} · draft differs`,
      long: `The edge URL serves version ${info.served.version}${info.served.label ? `, labelled ${info.served.label}` : ', the latest'}. The saved draft differs from it${unsaved}; the editor's Run button runs the draft. Publish and move the label to release it.`,
      tone: 'warn',
    };
  return {
    short: `URL serves ${v}${dirty ? ' · unsaved changes' : ' = draft'}`,
    long: `The edge URL serves version ${info.served.version}, the same as the saved draft${unsaved}.`,
    tone: dirty ? 'warn' : 'ok',
  };
}

export function ReleaseChip({ info }: { info?: ReleaseInfo }) {
  const ed = useEditor();
  const text = releaseText(info, ed.dirty);
  return (
    <a
      className={`release-chip tone-${text.tone}`}
      data-testid="release-chip"
      href={flowViewPath(ed.flow.id, 'releases')}
      title={text.long}
      aria-label={text.long}
      onClick={(e) => (e.preventDefault(), navigate(flowViewPath(ed.flow.id, 'releases')))}
    >
      {text.short}
    </a>
  );
}
