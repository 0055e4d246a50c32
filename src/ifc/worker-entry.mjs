// Entry of the IFC worker thread. Worker threads do not inherit the parent's module hooks,
// so TypeScript support (tsx) is registered here before the worker's .ts is loaded. This
// works the same under `node bin/matbank.js`, `node --import tsx`, and vitest.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
