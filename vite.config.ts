import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the Fastify server (npm run dev) listens on API_PORT and Vite proxies to it.
const api = `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': api,
      '/mqtt': { target: api.replace('http', 'ws'), ws: true }
    }
  }
});
