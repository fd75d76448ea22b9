/**
 * `npm start`: build the web app if needed, then run the server in this process (TypeScript
 * through tsx's loader), so Ctrl-C reaches exactly one Node process that shuts down in order.
 */
import { register } from 'tsx/esm/api';
import { buildWeb, root } from './web-build.mjs';

buildWeb();
register();
process.chdir(root);
await import('../server/main.ts');
