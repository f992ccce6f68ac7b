import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ArticleModel } from '../articles/article.model';
import { IssueModel } from '../issues/issue.model';
import { SectionModel } from '../sections/section.model';

// `version` is only ever the one read in the same statement as the fields beside it; a version looked up
// separately could be newer than the text shown, and an edit based on both would silently overwrite.
const DESCRIPTION =
  'The row version to pass as expectedVersion. Set on results of editing mutations and editable* queries, where it was read together with the other fields; null elsewhere.';

type MaybeVersioned = { version?: number };

@Resolver(() => IssueModel)
export class IssueVersionResolver {
  @ResolveField(() => Int, { nullable: true, description: DESCRIPTION })
  version(@Parent() issue: IssueModel & MaybeVersioned): number | null {
    return issue.version ?? null;
  }
}

@Resolver(() => SectionModel)
export class SectionVersionResolver {
  @ResolveField(() => Int, { nullable: true, description: DESCRIPTION })
  version(@Parent() section: SectionModel & MaybeVersioned): number | null {
    return section.version ?? null;
  }
}

@Resolver(() => ArticleModel)
export class ArticleVersionResolver {
  @ResolveField(() => Int, { nullable: true, description: DESCRIPTION })
  version(@Parent() article: ArticleModel & MaybeVersioned): number | null {
    return article.version ?? null;
  }
}
