import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source.options';

/** For the TypeORM CLI (`npm run migration:revert`); needs DATABASE_URL, as the embedded server is not started here. */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('DATABASE_URL must be set for the TypeORM CLI');
export default new DataSource(dataSourceOptions(config.databaseUrl));
