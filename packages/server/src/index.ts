export { createApp, type AppOptions } from './app.js';
export { SESSION_COOKIE } from './routes/auth.js';
