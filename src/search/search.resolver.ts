import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../loaders/graphql-context';
import { SearchFilterInput, SearchResultsModel } from './search.model';
import { nextCursor, SearchService } from './search.service';

@Resolver(() => SearchResultsModel)
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchResultsModel, { description: 'Bilingual full-text search over published articles.' })
  async search(
    @Args('query', { description: 'Chinese, English or both; Traditional Chinese works too. 1 to 512 characters.' }) query: string,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('filter', { type: () => SearchFilterInput, nullable: true }) filter: SearchFilterInput | null,
    @Context() { loaders }: GraphQLContext,
  ): Promise<SearchResultsModel> {
    const result = await this.searchService.search(query, first, after, filter);
    // An article unpublished moments ago may still be in the index: Postgres decides what is public.
    const articles = await loaders.publishedArticleById.loadMany(result.hits.map((h) => h.id));
    const hits = result.hits.flatMap((h, i) => {
      const article = articles[i];
      return article && !(article instanceof Error) ? [{ article, highlights: { title: h.title, snippet: h.snippet } }] : [];
    });
    const endCursor = nextCursor(result);
    return {
      totalHits: result.totalHits,
      processingTimeMs: result.processingTimeMs,
      hits,
      facets: result.facets,
      fragmentFallback: result.fragmentFallback,
      pageInfo: { hasNextPage: endCursor !== null, hasPreviousPage: result.offset > 0, startCursor: null, endCursor },
    };
  }
}
