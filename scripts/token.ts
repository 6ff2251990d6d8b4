// `npm run token`: prints a fresh random token for ADMIN_TOKEN or INVOKE_KEYS, e.g.
// `npm run -s token | npx wrangler secret put ADMIN_TOKEN`.
import { newToken } from './lib/dev-vars';

console.log(newToken(process.argv[2] === 'invoke' ? 'weir_invoke' : 'weir_admin'));
