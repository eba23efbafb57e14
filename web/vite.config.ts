import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig, type Connect, type Plugin } from 'vite';

type ModuleInfo = {
  importers: readonly string[];
  importedIds: readonly string[];
  dynamicallyImportedIds: readonly string[];
} | null;

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

const ADMIN_ONLY =
  /[\\/]node_modules[\\/](antd|@ant-design[\\/][^\\/]+|@rc-component[\\/](?!mini-decimal)[^\\/]+)[\\/]/;
const NODE_MODULES = /[\\/]node_modules[\\/]/;
/** The package a module belongs to (the last node_modules in its path): `dayjs`, `@babel/runtime`. */
const PACKAGE = /.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;
const REACT = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/;

/** Every module the H5 could load, through static and lazy imports alike. */
function collectReachable(entry: string, getModuleInfo: (id: string) => ModuleInfo): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = getModuleInfo(id);
    stack.push(...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? []));
  }
  return seen;
}

let h5Modules: Set<string> | null = null;

// The server answers any /admin/* or /m/* path that is not a file with that shell's index.html;
// dev and preview do the same so deep links behave alike everywhere.
const rewriteShellPaths: Connect.NextHandleFunction = (req, _res, next) => {
  const path = req.url?.split('?')[0] ?? '';
  const shell = /^\/(admin|m)(\/|$)/.exec(path)?.[1];
  if (shell && !/\.[a-z0-9]+$/i.test(path)) req.url = `/${shell}/index.html`;
  next();
};

const shellFallback: Plugin = {
  name: 'gonghui-shell-fallback',
  configureServer: (server) => void server.middlewares.use(rewriteShellPaths),
  configurePreviewServer: (server) => void server.middlewares.use(rewriteShellPaths),
};

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Writes `.br` and `.gz` beside every text asset at build time, so the server sends a phone
 * on a weak signal the compressed file without compressing per request (@fastify/static's
 * `preCompressed`). Files under 1 KB are left alone: the headers would outweigh the saving.
 */
const precompress: Plugin = {
  name: 'gonghui-precompress',
  apply: 'build',
  writeBundle(options, bundle) {
    const outDir = options.dir!;
    for (const fileName of Object.keys(bundle)) {
      if (!COMPRESSIBLE.test(fileName)) continue;
      const path = join(outDir, fileName);
      const body = readFileSync(path);
      if (body.length < 1024) continue;
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      );
      writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
    }
  },
};

export default defineConfig({
  plugins: [shellFallback, precompress],
  root: webDir,
  base: '/',
  // @vitejs/plugin-react does not install with npm 10 here; esbuild compiles TSX on its own.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: `${repoDir}dist/web`,
    emptyOutDir: true,
    target: 'es2020',
    // antd is one long-cached vendor chunk for the desktop console (~330 KB gzip); the H5's
    // budget is checked on the files its page loads, not by this warning.
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      input: {
        admin: `${webDir}admin/index.html`,
        m: `${webDir}m/index.html`,
      },
      // antd and antd-mobile ship "use client" directives for React Server Components; a
      // client-only bundle has no use for them, and a warning per file buries real ones.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Rollup pulls every unassigned dependency of a manual chunk into it. The helpers antd
        // shares with antd-mobile (dayjs, @babel/runtime…) therefore get a chunk of their own, or
        // the H5 would load all of antd to reach them; antd's other helpers stay with it.
        manualChunks(id, { getModuleInfo }) {
          if (REACT.test(id)) return 'react';
          h5Modules ??= collectReachable(`${webDir}m/main.tsx`, getModuleInfo);
          // The HTTP client, i18n and the common/ rules the H5 uses serve both shells: one small
          // named chunk. What only the console uses (org types, audit labels…) stays with it.
          if (id.startsWith('\0vite/')) return 'app-shared';
          // The coordinate conversions (with gcoord) serve the station pages and maps, never a first load.
          if (id === `${repoDir}common/geo.ts`) return 'geo';
          // The cases' lists and labels serve the case pages alone, never the home or the finder's first load.
          if (id === `${repoDir}common/cases.ts`) return 'case-rules';
          if (id.startsWith(`${webDir}lib/`) || id.startsWith(`${repoDir}common/`)) {
            return h5Modules.has(id) ? 'app-shared' : undefined;
          }
          if (ADMIN_ONLY.test(id)) return 'antd';
          if (!NODE_MODULES.test(id) || !getModuleInfo(id)?.importers.some((i) => ADMIN_ONLY.test(i))) return undefined;
          if (!h5Modules.has(id)) return 'antd';
          // One chunk per shared package, so a page loads only the packages it uses: the H5's first
          // load needs a babel helper, never dayjs (date pickers) or mini-decimal (steppers).
          const pkg = PACKAGE.exec(id)![1]!;
          return /^@babel[\\/]runtime$/.test(pkg) ? 'ui-common' : `ui-${pkg.replace(/^@[^\\/]+[\\/]/, '')}`;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
  preview: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
    },
  },
});
