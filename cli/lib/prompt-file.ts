// Prompt files (flows/prompts/<name>.json): every problem with its JSON path, and the canonical
// text: name, description, versions (by number; fixed key order), labels sorted by key.
import { jsonPath, templateVariables, type Problem } from '../../worker/engine';
import { LATEST_LABEL, promptFile } from '../../worker/store/prompt-schema';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TOP_KEYS = ['$schema', 'name', 'description', 'versions', 'labels'];
const VERSION_KEYS = ['version', 'template', 'model', 'temperature', 'maxTokens', 'note', 'createdAt'];
const MESSAGE_KEYS = ['role', 'content'];

function ordered(obj: Obj, keys: string[], child: (k: string, v: unknown) => unknown = (_k, v) => v): Obj {
  const rest = Object.keys(obj)
    .filter((k) => !keys.includes(k))
    .sort();
  const out: Obj = {};
  for (const k of [...keys, ...rest]) if (k in obj && obj[k] !== undefined) out[k] = child(k, obj[k]);
  return out;
}

const formatTemplate = (t: unknown) =>
  isObj(t)
    ? ordered(t, ['text', 'messages'], (k, v) =>
        k === 'messages' && Array.isArray(v) ? v.map((m) => (isObj(m) ? ordered(m, MESSAGE_KEYS) : m)) : v,
      )
    : t;

function formatVersions(versions: unknown[]): unknown[] {
  const numbered = versions.every((v) => isObj(v) && typeof v.version === 'number');
  const list = numbered ? [...versions].sort((a, b) => ((a as Obj).version as number) - ((b as Obj).version as number)) : versions;
  return list.map((v) => (isObj(v) ? ordered(v, VERSION_KEYS, (k, x) => (k === 'template' ? formatTemplate(x) : x)) : v));
}

/** The canonical text of a prompt file. Formatting twice gives the same bytes. */
export function formatPromptFile(value: unknown): string {
  const canonical = isObj(value)
    ? ordered(value, TOP_KEYS, (k, v) => {
        if (k === 'versions' && Array.isArray(v)) return formatVersions(v);
        if (k === 'labels' && isObj(v))
          return Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((l) => [l, v[l]]),
          );
        return v;
      })
    : value;
  return JSON.stringify(canonical, null, 2) + '\n';
}

/** Every problem in a prompt file; `expectedName` is the file name without `.json`. */
export function checkPromptFile(value: unknown, expectedName?: string): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, message: string, path: PropertyKey[], severity: Problem['severity'] = 'error') =>
    problems.push({ code, message, path: jsonPath(path), severity });
  const parsed = promptFile.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) add('schema', issue.message, issue.path);
  if (!isObj(value)) return problems;
  if (expectedName && typeof value.name === 'string' && value.name !== expectedName) {
    add('name_mismatch', `the prompt is named "${value.name}" but its file is ${expectedName}.json`, ['name'], 'warning');
  }
  const versions = Array.isArray(value.versions) ? value.versions : [];
  const numbers = new Set<number>();
  versions.forEach((v, i) => {
    if (!isObj(v)) return;
    if (typeof v.version === 'number') {
      if (v.version !== i + 1)
        add('version_numbering', `versions are numbered 1, 2, 3 ... in order without gaps; expected ${i + 1} here, found ${v.version}`, [
          'versions',
          i,
          'version',
        ]);
      numbers.add(v.version);
    }
    const t = v.template;
    const texts: [string, PropertyKey[]][] = !isObj(t)
      ? []
      : typeof t.text === 'string'
        ? [[t.text, ['versions', i, 'template', 'text']]]
        : Array.isArray(t.messages)
          ? t.messages.flatMap((m, j) =>
              isObj(m) && typeof m.content === 'string'
                ? [[m.content, ['versions', i, 'template', 'messages', j, 'content']] as [string, PropertyKey[]]]
                : [],
            )
          : [];
    for (const [text, path] of texts) {
      try {
        templateVariables(text);
      } catch (err) {
        add('template_error', `the template does not parse: ${(err as Error).message}`, path);
      }
    }
  });
  if (isObj(value.labels)) {
    for (const [label, version] of Object.entries(value.labels)) {
      if (label === LATEST_LABEL)
        add('reserved_label', `"${LATEST_LABEL}" always follows the newest version; do not set it`, ['labels', label]);
      else if (typeof version === 'number' && !numbers.has(version))
        add('unknown_version', `label "${label}" points at version ${version}, which the file does not have`, ['labels', label]);
    }
  }
  return problems;
}
