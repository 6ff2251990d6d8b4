// The offline, deterministic provider: the default when no API key is configured. Everything it
// says is marked (text starts with "[echo <model>]", responses carry echo: true). Models named
// `echo:fail-...` fail like a real provider (echo-failures.ts).
import type { ChatMessage, LlmClient, LlmRequest, LlmResponse } from '../engine/types';
import { abortError } from './classify';
import { echoFailure } from './echo-failures';
import { echoFromSchema } from './echo-schema';
import { estimateUsage } from './tokens';

const SUMMARY_CHARS = 200;

export function lastUserMessage(messages: readonly ChatMessage[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user') ?? messages[messages.length - 1];
  return user?.content ?? '';
}

/** The message with whitespace collapsed, cut to a couple of hundred characters. */
export function summarize(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS - 1)}…`;
}

export function echoText(req: Pick<LlmRequest, 'model' | 'messages' | 'responseFormat'>): string {
  const message = lastUserMessage(req.messages);
  const format = req.responseFormat;
  if (format?.type === 'json') {
    return JSON.stringify(format.schema ? echoFromSchema(format.schema, message, req.model) : { echo: message });
  }
  return `[echo ${req.model}] ${summarize(message)}`.trimEnd();
}

/** Yields to the event loop, so an abort (a timer) can land between tokens. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createEchoProvider(opts: { name?: string } = {}): LlmClient {
  return {
    async complete(req): Promise<LlmResponse> {
      if (req.signal.aborted) throw abortError(req.signal);
      await echoFailure(req.model, req.signal);
      const text = echoText(req);
      if (req.onToken) {
        for (const piece of text.split(/(?<= )/)) {
          await tick();
          if (req.signal.aborted) throw abortError(req.signal);
          req.onToken(piece);
        }
      }
      return {
        text,
        model: req.model,
        provider: opts.name ?? req.provider,
        usage: estimateUsage(req.messages, text),
        attempts: 1,
        echo: true,
      };
    },
  };
}
