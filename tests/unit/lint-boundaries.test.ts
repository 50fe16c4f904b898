import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
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

async function lintAs(path: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path });
  const messages = result?.messages ?? [];
  // A parse failure would hide every rule; it must fail the test, not pass it silently.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('import boundaries (lint)', () => {
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
});
