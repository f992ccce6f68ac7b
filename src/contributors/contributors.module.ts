import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticleContributorEntity, ContributorEntity, IssueContributorEntity } from './contributor.entity';
import { ContributorsResolver } from './contributors.resolver';
import { ContributorsService } from './contributors.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContributorEntity, IssueContributorEntity, ArticleContributorEntity])],
  providers: [ContributorsService, ContributorsResolver],
  exports: [ContributorsService],
})
export class ContributorsModule {}
