// Preloaded (NODE_OPTIONS=--import) into every Node process of a test that must stay offline:
// any TCP/TLS connection or DNS lookup is refused and written to $WEIR_NET_LOG, so the test can
// assert that nothing tried. Local pipes (stdio, IPC paths) still work.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';

const refuse = (what) => {
  appendFileSync(process.env.WEIR_NET_LOG, `${process.pid} ${what}\n`);
  throw new Error(`network access refused in an offline test: ${what}`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (target && typeof target === 'object' && typeof target.path === 'string') return connect.apply(this, args);
  if (typeof target === 'string' && Number.isNaN(Number(target))) return connect.apply(this, args);
  return refuse(
    `connect ${JSON.stringify(target && typeof target === 'object' ? { host: target.host, port: target.port } : args.slice(0, 2))}`,
  );
};
dns.lookup = (host) => refuse(`dns ${host}`);
dns.promises.lookup = async (host) => refuse(`dns ${host}`);
