import 'reflect-metadata';

import { loadConfig } from './src/config';
import { createDataSource } from './src/db/data-source';

const config = loadConfig();

/** The data source the TypeORM CLI uses (`npm run migration:generate|run|revert`). */
export const dataSource = createDataSource({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
