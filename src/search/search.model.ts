import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArticleModel } from '../articles/article.model';
import { PageInfo } from '../common/graphql/connection';

@InputType('SearchFilter', { description: 'All given conditions must hold.' })
export class SearchFilterInput {
  @Field(() => String, { nullable: true }) issueSlug?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => String, { nullable: true }) sectionTitle?: string | null;
  @Field(() => String, { nullable: true }) authorSlug?: string | null;
  @Field(() => String, { nullable: true }) tag?: string | null;
}

@ObjectType('SearchHighlights', { description: 'HTML-safe text where only <mark> tags are markup.' })
export class SearchHighlightsModel {
  @Field() title: string;
  @Field({ description: 'The body cropped around the best match.' }) snippet: string;
}

@ObjectType('SearchHit')
export class SearchHitModel {
  @Field(() => ArticleModel) article: ArticleModel;
  @Field(() => SearchHighlightsModel) highlights: SearchHighlightsModel;
}

@ObjectType('FacetCount')
export class FacetCountModel {
  @Field() value: string;
  @Field(() => Int) count: number;
}

@ObjectType('SearchFacets', { description: 'Counts over all hits, not only this page.' })
export class SearchFacetsModel {
  @Field(() => [FacetCountModel]) issues: FacetCountModel[];
  @Field(() => [FacetCountModel]) years: FacetCountModel[];
  @Field(() => [FacetCountModel]) sections: FacetCountModel[];
  @Field(() => [FacetCountModel], { description: 'By author slug.' }) authors: FacetCountModel[];
}

@ObjectType('SearchResults')
export class SearchResultsModel {
  @Field(() => Int) totalHits: number;
  @Field(() => Float) processingTimeMs: number;
  @Field(() => [SearchHitModel]) hits: SearchHitModel[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => SearchFacetsModel) facets: SearchFacetsModel;
  @Field({ description: 'True when nothing matched whole words and the mid-word fragment fallback answered.' }) fragmentFallback: boolean;
}
