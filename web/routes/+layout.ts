// The app runs in the browser: every page needs the session, and the API is on the same origin.
export const ssr = false;
export const prerender = false;
