import adapter from '@sveltejs/adapter-node';

/** SvelteKit's files live under web/ (DESIGN.md layout); the build lands in build/. */
export default {
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
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
