import { Meilisearch } from 'meilisearch';
import type { MeiliEndpoint } from './embedded-meilisearch.runner';

export interface MeiliClients {
  /** Indexing and settings: the admin key. */
  admin: Meilisearch;
  /** Queries: the search-only key, with the short timeout that makes an outage fail fast. */
  search: Meilisearch;
  indexName: string;
}

// Node's fetch asks for gzip; Meilisearch then streams small gzip chunks and loopback delayed-ACKs add
// about 40 ms to every call (measured by bench:search). Plain bodies are faster on any network we run on.
const requestInit = { headers: { 'accept-encoding': 'identity' } };

const ADMIN_KEY = 'kernel-monthly admin';
const SEARCH_KEY = 'kernel-monthly search';

/** Derives an admin key and a search-only key from the master key; the master key is never used beyond this. */
export async function connectMeili(endpoint: MeiliEndpoint, indexName: string, searchTimeoutMs: number): Promise<MeiliClients> {
  const master = new Meilisearch({ host: endpoint.url, apiKey: endpoint.masterKey, timeout: Math.max(searchTimeoutMs, 1000), requestInit });
  const { results } = await master.getKeys({ limit: 1000 });
  const find = (name: string) => results.find((k) => k.name === name && k.expiresAt === null);
  const admin = find(ADMIN_KEY) ?? (await master.createKey({ name: ADMIN_KEY, description: 'indexing by the kernel-monthly API', actions: ['*'], indexes: ['*'], expiresAt: null }));
  const search = find(SEARCH_KEY) ?? (await master.createKey({ name: SEARCH_KEY, description: 'queries by the kernel-monthly API', actions: ['search'], indexes: ['*'], expiresAt: null }));
  return {
    admin: new Meilisearch({ host: endpoint.url, apiKey: admin.key, timeout: 30_000, requestInit }),
    search: new Meilisearch({ host: endpoint.url, apiKey: search.key, timeout: searchTimeoutMs, requestInit }),
    indexName,
  };
}
