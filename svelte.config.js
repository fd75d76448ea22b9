import adapter from '@sveltejs/adapter-node';

/**
 * SvelteKit's files live under web/ (DESIGN.md layout); the build lands in build/, or in
 * WEB_BUILD_DIR when set (so two checkouts' test runs never build into one folder).
 */
const out = process.env.WEB_BUILD_DIR ?? 'build';
export default {
  kit: {
    adapter: adapter({ out, precompress: true }),
    outDir: process.env.WEB_BUILD_DIR ? `${out}.kit` : '.svelte-kit',
    files: {
      routes: 'web/routes',
      lib: 'web/lib',
      appTemplate: 'web/app.html',
      assets: 'web/static',
      hooks: { client: 'web/hooks.client', server: 'web/hooks.server', universal: 'web/hooks' },
      serviceWorker: 'web/service-worker',
      params: 'web/params'
    },
    alias: { $shared: 'shared' }
  }
};
