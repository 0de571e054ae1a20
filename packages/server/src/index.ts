export { createApp, type AppOptions } from './app.js';
export { SESSION_COOKIE } from './routes/auth.js';
export { startServer, type Running } from './serve.js';
export { seedDemo, DEMO_USERS, DEMO_PASSWORD, DEMO_PROTOCOL } from './demo.js';
