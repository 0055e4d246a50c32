// Lint config. The layering of DESIGN.md is enforced here, not by convention:
// src/core is pure (no I/O, no node:*, no db, no framework).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreForbidden = {
  patterns: [
    { group: ['node:*'], message: 'src/core is pure: no Node built-ins.' },
    {
      group: [
        '**/db/**',
        '**/server/**',
        '**/services/**',
        '**/cli/**',
        '**/ifc/**',
        '**/reference/**',
      ],
      message: 'src/core imports nothing above it (DESIGN.md layers).',
    },
    {
      group: [
        'kysely',
        'pg',
        'pg-*',
        'fastify',
        'fastify-*',
        '@fastify/*',
        'react',
        'react-*',
        '@electric-sql/*',
        'web-ifc',
        'exceljs',
      ],
      message: 'src/core has no runtime dependency but zod.',
    },
  ],
  paths: [
    'fs',
    'path',
    'os',
    'child_process',
    'worker_threads',
    'crypto',
    'url',
    'stream',
    'util',
    'http',
    'https',
    'net',
    'zlib',
  ].map((name) => ({ name, message: 'src/core is pure: no Node built-ins.' })),
};

export default tseslint.config(
  {
    ignores: ['node_modules/**', '.matbank/**', 'dist/**', 'coverage/**', 'tmp/**', 'bench/out/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Blob: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Tests poke at parsed JSON and deliberately broken documents.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreForbidden],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: no process.' },
        { name: 'Buffer', message: 'src/core is pure.' },
      ],
    },
  },
  {
    files: ['src/reference/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**', '**/server/**', '**/services/**', '**/cli/**', '**/ifc/**'],
              message: 'layers point down only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/**',
                '**/services/**',
                '**/cli/**',
                '**/ifc/**',
                'fastify',
                '@fastify/*',
              ],
              message: 'layers point down only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/cli/**', 'fastify', '@fastify/*'],
              message: 'layers point down only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only src/config.ts reads process.env (config is parsed once, frozen).',
        },
      ],
    },
  },
);
