// Placeholder for the editor helper's model picker (the lead keeps their version): a text input
// with the shared widget props.
import type { Problem } from '../../engine';
import { TextInput } from './basic-fields';

export function ModelInput(props: {
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
  problems?: Problem[];
  optional?: boolean;
}) {
  return <TextInput value={props.value} onChange={props.onChange} testId={props.testId} placeholder="e.g. gpt-4o-mini" />;
}
