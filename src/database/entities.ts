import { ArticleEntity } from '../articles/article.entity';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { ArticleContributorEntity, ContributorEntity, IssueContributorEntity } from '../contributors/contributor.entity';
import { IssueEntity } from '../issues/issue.entity';
import { ReferenceEntity } from '../references/reference.entity';
import { SectionEntity } from '../sections/section.entity';

export const entities = [IssueEntity, SectionEntity, ArticleEntity, ContributorEntity, IssueContributorEntity, ArticleContributorEntity, ReferenceEntity, ApiTokenEntity];
