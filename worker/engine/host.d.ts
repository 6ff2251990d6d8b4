// The host APIs the engine may use, and nothing more: timers and abort signals, which Workers,
// Node and browsers all provide. Compiled only by worker/engine/tsconfig.json (the worker and the
// editor get these types from their own environments).

type TimerHandle = number | { ref?: unknown };
declare function setTimeout(callback: () => void, ms?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;

interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
declare var AbortSignal: { prototype: AbortSignal };

interface AbortController {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
}
declare var AbortController: { prototype: AbortController; new (): AbortController };

// Web-standard pieces every host has too, used by the pure dataset and eval code (content hashes,
// copies of flows for variants).
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare var crypto: { subtle: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> }; randomUUID(): string };
declare function structuredClone<T>(value: T): T;
// Diagnostics (the price table reports an invalid prices.json once).
declare var console: { error(...data: unknown[]): void; warn(...data: unknown[]): void };
