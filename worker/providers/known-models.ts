// Model names the editor's model picker suggests for each provider type. Suggestions only: any
// name the provider accepts works (fine-tuned `ft:...` ids, local Ollama models, gateway names).
import { ECHO_FAILURE_MODELS } from './echo-failures';

const OPENAI_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'o3',
  'o3-mini',
  'o4-mini',
  'gpt-4o-mini-2024-07-18',
  'gpt-3.5-turbo',
];

/** Echo answers any model name; these show what it does with the common ones and how it fails. */
const ECHO_MODELS = ['gpt-4o-mini', 'gpt-4o', ...ECHO_FAILURE_MODELS];

export function knownModels(type: 'openai' | 'echo'): string[] {
  return type === 'echo' ? ECHO_MODELS : OPENAI_MODELS;
}
