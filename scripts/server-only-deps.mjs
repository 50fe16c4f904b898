// The central server's runtime dependencies and everything only they pull in: these must not
// ship inside the Electron app (electron-builder.yml leaves them out of `files`;
// scripts/package-check.mjs fails if one is found in app.asar). Computed from
// package-lock.json, so a new server dependency shows up in the check until it is excluded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What src-server imports at runtime that the till never does. */
export const SERVER_ROOTS = [
  'fastify',
  'fastify-type-provider-zod',
  '@fastify/rate-limit',
  '@fastify/helmet',
  '@fastify/cookie',
  '@fastify/static',
  'pino',
  'pg',
  '@electric-sql/pglite',
  'nodemailer',
];

/** Package names reachable from SERVER_ROOTS and from no other production dependency. */
export function serverOnlyPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const byName = new Map();
  for (const [path, info] of Object.entries(lock.packages)) {
    if (!path.includes('node_modules/')) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    byName.set(name, [...(byName.get(name) ?? []), info]);
  }
  const reach = (roots) => {
    const seen = new Set();
    const stack = [...roots];
    while (stack.length > 0) {
      const name = stack.pop();
      if (seen.has(name)) continue;
      seen.add(name);
      for (const info of byName.get(name) ?? []) {
        if (info.dev) continue;
        stack.push(
          ...Object.keys({
            ...info.dependencies,
            ...info.optionalDependencies,
            ...info.peerDependencies,
          }),
        );
      }
    }
    return seen;
  };
  const app = reach(Object.keys(pkg.dependencies).filter((n) => !SERVER_ROOTS.includes(n)));
  return [...reach(SERVER_ROOTS)].filter((n) => !app.has(n) && byName.has(n)).sort();
}

if (process.argv[1]?.endsWith('server-only-deps.mjs')) {
  // `node scripts/server-only-deps.mjs` prints the `files` lines for electron-builder.yml.
  for (const name of serverOnlyPackages(join(import.meta.dirname, '..')))
    console.log(`  - '!node_modules/${name}/**'`);
}
