// `npm run services:start` / `npm run services:stop`: the local Temporal dev server and PostgreSQL.
import { ensureServices, SetupError, stopServices } from './lib/services.mjs';

const command = process.argv[2];
try {
  if (command === 'start') {
    const { env } = await ensureServices();
    console.log(`DATABASE_URL=${env.DATABASE_URL}`);
    console.log(`TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
  } else if (command === 'stop') {
    stopServices();
  } else {
    console.error('usage: node scripts/services.mjs start|stop');
    process.exit(2);
  }
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
