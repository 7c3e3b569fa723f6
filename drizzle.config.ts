import { defineConfig } from 'drizzle-kit';

// Only generation runs through drizzle-kit; the app applies migrations itself at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  strict: true,
  verbose: false,
});
