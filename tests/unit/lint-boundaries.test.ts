import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The import rules of docs/ARCHITECTURE.md are only worth having if lint really fails on a
// breach and says why. These lint source text as if it lived at the given path, with the
// project's own eslint.config.js, so a rule that stops matching its folder is caught here.
// The made-up files are not in tsconfig's project, so type-aware parsing is switched off for
// them; the import rules need no types.

const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      ...tseslint.configs.disableTypeChecked,
      languageOptions: { parserOptions: { projectService: false } },
    },
  ],
});

async function lintAs(path: string, code: string, rule = 'no-restricted-imports') {
  const [result] = await eslint.lintText(code, { filePath: path });
  const messages = result?.messages ?? [];
  // A parse failure would hide every rule; it must fail the test, not pass it silently.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === rule);
}

// Each case lints with the whole project config (import-x resolution included): seconds, not
// milliseconds, on a busy 2-core machine; the default 5 s cut one off mid-lint.
describe('import boundaries (lint)', { timeout: 30_000 }, () => {
  it("refuses `import 'node:fs'` in shared/ with the boundary message", async () => {
    const found = await lintAs('shared/money/breach.ts', "import 'node:fs';\nexport {};\n");
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe(2);
    expect(found[0]?.message).toContain('shared/ is the pure domain');
    expect(found[0]?.message).toContain('docs/ARCHITECTURE.md#import-rules');
  });

  it('refuses Dexie and React in shared/', async () => {
    for (const lib of ['dexie', 'react']) {
      const found = await lintAs('shared/orders/breach.ts', `import '${lib}';\nexport {};\n`);
      expect(found.map((m) => m.message).join('\n')).toContain('no Electron, Dexie, React');
    }
  });

  it('refuses main-process code in the renderer', async () => {
    const found = await lintAs(
      'src-renderer/app/breach.ts',
      "import { startBridge } from '../../src-main/bridge/bridge-server';\nexport { startBridge };\n",
    );
    expect(found.map((m) => m.message).join('\n')).toContain('typed contract');
  });

  it('refuses server code and server libraries in main (main ships in the Electron app)', async () => {
    const server = await lintAs(
      'src-main/services/breach.ts',
      "import { buildServer } from '../../src-server/app';\nexport { buildServer };\n",
    );
    expect(server.map((m) => m.message).join('\n')).toContain(
      'src-main/ never imports src-server/',
    );
    for (const lib of ['fastify', '@fastify/helmet', 'pg', '@electric-sql/pglite']) {
      const found = await lintAs('src-main/services/breach.ts', `import '${lib}';\nexport {};\n`);
      expect(found.map((m) => m.message).join('\n')).toContain('server libraries');
    }
    // The server itself may use them.
    expect(await lintAs('src-server/breach.ts', "import 'fastify';\nexport {};\n")).toEqual([]);
  });

  it('refuses renderer code in main', async () => {
    const found = await lintAs(
      'src-main/devices/breach.ts',
      "import { openStore } from '../../src-renderer/store';\nexport { openStore };\n",
    );
    expect(found.map((m) => m.message).join('\n')).toContain('never import src-renderer/');
  });

  it('lets shared/ use what every runtime has (a control case: the rule is not blanket)', async () => {
    const found = await lintAs(
      'shared/money/fine.ts',
      "import { z } from 'zod';\nexport const s = z.string();\n",
    );
    expect(found).toEqual([]);
  });

  it('refuses an upward import inside src-renderer/ (store → app) and names the layers', async () => {
    const found = await lintAs(
      'src-renderer/store/breach.ts',
      "import { openTill } from '../app/till';\nexport { openTill };\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('sits below app/');
    expect(found[0]?.message).toContain('docs/ARCHITECTURE.md#renderer-layers');
  });

  it('refuses a flow importing a screen, and lets a screen import a flow (control)', async () => {
    const up = await lintAs(
      'src-renderer/flows/breach.ts',
      "import { SellScreen } from '../ui/sell/sell-screen';\nexport { SellScreen };\n",
    );
    expect(up.map((m) => m.message).join('\n')).toContain('sits below ui/');
    const down = await lintAs(
      'src-renderer/ui/fine.ts',
      "import { sellMachine } from '../flows/sell-machine';\nexport { sellMachine };\n",
    );
    expect(down).toEqual([]);
  });

  it('fails on an import cycle between two renderer modules', async () => {
    // The cycle rule resolves real files, so the two halves of the cycle are written to disk
    // (in a folder of their own inside src-renderer/flows, removed afterwards).
    const dir = mkdtempSync(join(process.cwd(), 'src-renderer', 'flows', 'cycle-fixture-'));
    try {
      const a = join(dir, 'a.ts');
      const b = join(dir, 'b.ts');
      const aCode = "import { b } from './b';\nexport const a = (): number => b() + 1;\n";
      writeFileSync(a, aCode);
      writeFileSync(b, "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
      const found = await lintAs(a, aCode, 'import-x/no-cycle');
      expect(found).toHaveLength(1);
      expect(found[0]?.severity).toBe(2);
      // Control: the same file without the back edge is no cycle.
      writeFileSync(b, 'export const b = (): number => 1;\n');
      const clean = await new ESLint({
        cwd: process.cwd(),
        cache: false,
        overrideConfig: [
          {
            files: ['**/*.ts', '**/*.tsx'],
            ...tseslint.configs.disableTypeChecked,
            languageOptions: { parserOptions: { projectService: false } },
          },
        ],
      }).lintText(aCode, { filePath: a });
      expect(clean[0]?.messages.filter((m) => m.ruleId === 'import-x/no-cycle')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
