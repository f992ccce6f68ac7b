import { SearchLifecycle } from '../../src/search/search.lifecycle';
import { createScratchDatabase } from './scratch-database';
import { startTestApp, TestApp } from './test-app';
import type { MeiliEndpoint } from '../../src/search/embedded-meilisearch.runner';

export interface SearchTestApp extends TestApp {
  /** Delivers every due outbox row and returns once Meilisearch has applied them. */
  drain(): Promise<number>;
  search(query: string, extra?: string, variables?: Record<string, unknown>): Promise<{ numbers: string[]; body: any }>;
  dispose(): Promise<void>;
}

/** A real app on a database and an index of its own, so outbox deliveries never cross between specs. */
export async function startSearchApp(env: Record<string, string> = {}, meili?: MeiliEndpoint): Promise<SearchTestApp> {
  const scratch = await createScratchDatabase();
  const t = await startTestApp(env, scratch.url, meili);
  const lifecycle = t.app.get(SearchLifecycle);
  return {
    ...t,
    drain: async () => (await lifecycle.ready()).drain(),
    async search(query, extra = '', variables = {}) {
      const res = await t.gql(
        `query($q: String!, $filter: SearchFilter, $first: Int = 10) { search(query: $q, filter: $filter, first: $first) { totalHits hits { article { number slug issue { slug } } highlights { title snippet } } ${extra} } }`,
        { q: query, ...variables },
      );
      const hits: Array<{ article: { number: string } }> = res.body.data?.search?.hits ?? [];
      return { numbers: hits.map((h) => h.article.number), body: res.body };
    },
    async dispose() {
      await t.close();
      await scratch.drop();
    },
  };
}
