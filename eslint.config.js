// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const WHY = 'See docs/ARCHITECTURE.md#import-rules.';
const LAYERS_WHY = 'See docs/ARCHITECTURE.md#renderer-layers.';

/**
 * The renderer's layers, top to bottom. A folder may import any layer below it, never one
 * above it: the screens depend on the app, the app on the flows, the flows on the store, and
 * not the other way round, so each lower layer can be tested and reused without the ones above.
 */
const RENDERER_LAYERS = [
  ['ui', 'manage', 'refund-request'],
  ['app'],
  ['flows'],
  ['devices', 'inventory'],
  ['scan', 'demo'],
  ['store'],
  ['i18n', 'transport'],
];

/** no-restricted-imports patterns forbidding every layer above `folder`'s own. */
function layerPatterns(folder) {
  const level = RENDERER_LAYERS.findIndex((l) => l.includes(folder));
  const above = RENDERER_LAYERS.slice(0, level).flat();
  const same = RENDERER_LAYERS[level].filter((f) => f !== folder);
  return [
    ...above.map((upper) => ({
      group: [`../${upper}`, `../${upper}/**`, `../../${upper}`, `../../${upper}/**`],
      message: `src-renderer/${folder}/ sits below ${upper}/ in the renderer's layers (ui → app → flows → devices/inventory → scan/demo → store → i18n/transport) and must not import it: move the shared piece down, or pass it in. ${LAYERS_WHY}`,
    })),
    ...same.map((peer) => ({
      group: [`../${peer}`, `../${peer}/**`],
      message: `src-renderer/${folder}/ and ${peer}/ are peers in the renderer's layers and do not import each other: move the shared piece down a layer. ${LAYERS_WHY}`,
    })),
  ];
}

const NODE_BUILTINS =
  '^(node:.*|fs|fs/promises|path|os|crypto|child_process|net|http|https|url|util|stream|buffer|events|worker_threads|readline|tls|dgram|dns|zlib|process)$';

/** Import restrictions per process. The messages say why, because the next person to hit one needs the reason, not only the rule. */
const boundaries = {
  shared: {
    patterns: [
      {
        regex: NODE_BUILTINS,
        message: `shared/ is the pure domain and runs in the renderer, main and server alike: it must not import Node built-ins. Pass the capability in as a parameter or port. ${WHY}`,
      },
      {
        regex:
          '^(electron|dexie|dexie-react-hooks|react|react-dom|@xstate/react|serialport|@serialport/.*|node-thermal-printer|ws|pg|fastify|@electric-sql/.*|iconv-lite)$',
        message: `shared/ is the pure domain: no Electron, Dexie, React, device or database libraries. Put the adapter in src-main/, src-renderer/ or src-server/ and keep the rule here. ${WHY}`,
      },
      {
        group: ['**/src-main/**', '**/src-renderer/**', '**/src-server/**', '**/tests/**'],
        message: `shared/ is imported by every process and imports none of them. ${WHY}`,
      },
    ],
  },
  renderer: {
    patterns: [
      {
        group: ['**/src-main/**', '**/src-server/**'],
        message: `src-renderer/ reaches devices only through the typed contract (shared/ipc) and the server only over HTTP; importing main or server code would bundle privileged code into the page. ${WHY}`,
      },
      {
        regex: NODE_BUILTINS,
        message: `src-renderer/ is browser code (sandboxed, no Node). Ask main for it through the contract in shared/ipc. ${WHY}`,
      },
      {
        regex: '^(electron|serialport|@serialport/.*|node-thermal-printer|ws|pg|fastify)$',
        message: `src-renderer/ is browser code: device and server libraries live in src-main/ or src-server/ behind the contract. ${WHY}`,
      },
    ],
  },
  /** What only the central server may use: bundled into main, it would ship in the till. */
  serverOnly: {
    patterns: [
      {
        group: ['**/src-server/**'],
        message: `src-main/ never imports src-server/: main is bundled into the Electron app, and the server and its dependencies (Fastify, pg, PGlite) must not ship inside it. Move what both need into shared/. ${WHY}`,
      },
      {
        regex: '^(fastify|fastify-.*|@fastify/.*|pg|pino|@electric-sql/.*)$',
        message: `src-main/ is bundled into the Electron app; server libraries (Fastify and its plugins, pino, pg, PGlite) live in src-server/ only. ${WHY}`,
      },
    ],
  },
  mainOrServer: {
    patterns: [
      {
        group: ['**/src-renderer/**'],
        message: `src-main/ and src-server/ never import src-renderer/: the renderer is untrusted page code and the browser bundle. Move what both need into shared/. ${WHY}`,
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'out/', 'coverage/', 'docs/', '**/*.cjs', '.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'eslint-comments/no-unlimited-disable': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // Plain scripts are outside tsconfig's project; lint them without type information.
      parserOptions: { projectService: false },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        import: 'readonly',
      },
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', boundaries.shared],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'navigator',
          'process',
          'Buffer',
          'require',
        ].map((name) => ({
          name,
          message: `shared/ is the pure domain: '${name}' belongs to one runtime only. Pass it in as a parameter or port. ${WHY}`,
        })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': ['error', boundaries.renderer],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Per-layer rules: the same renderer boundaries plus "never import a layer above".
  ...RENDERER_LAYERS.flat().map((folder) => ({
    files: [`src-renderer/${folder}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...boundaries.renderer.patterns, ...layerPatterns(folder)] },
      ],
    },
  })),
  {
    // An import cycle makes start-up order matter and hides which module owns a concept.
    files: [
      'src-renderer/**/*.{ts,tsx}',
      'src-main/**/*.ts',
      'src-server/**/*.ts',
      'shared/**/*.ts',
    ],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // Without these the rule cannot read a TypeScript dependency and sees no cycle at all.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src-main/**/*.ts', 'src-server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', boundaries.mainOrServer] },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...boundaries.mainOrServer.patterns, ...boundaries.serverOnly.patterns] },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // Tests pass partial fixtures and assert on unknown JSON; the strict unsafe-* family adds noise, not safety, there.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
