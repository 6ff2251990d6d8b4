// Issue 10 in the editor: the Experiments view.
import type { Spec } from '../harness';

export const experimentSpecs: Spec[] = [];
