// A KV binding wrapped so tests can count reads and writes, and optionally fail a write midway.
export interface CountingKv {
  kv: KVNamespace;
  reads: () => number;
  writes: () => number;
  reset: () => void;
  /** Makes the n-th put from now throw (1 = the next one). */
  failPut: (n: number) => void;
}

export function countingKv(inner: KVNamespace): CountingKv {
  let reads = 0;
  let writes = 0;
  let failAt = 0;
  const kv = new Proxy(inner, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'get' || prop === 'getWithMetadata' || prop === 'list') reads++;
        if (prop === 'put' || prop === 'delete') {
          writes++;
          if (failAt > 0 && --failAt === 0) throw new Error('simulated KV failure');
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    kv,
    reads: () => reads,
    writes: () => writes,
    reset: () => {
      reads = 0;
      writes = 0;
    },
    failPut: (n) => {
      failAt = n;
    },
  };
}
