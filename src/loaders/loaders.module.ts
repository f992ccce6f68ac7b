import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { ContributorsModule } from '../contributors/contributors.module';
import { IssuesModule } from '../issues/issues.module';
import { ReferencesModule } from '../references/references.module';
import { SectionsModule } from '../sections/sections.module';
import { LoadersFactory } from './loaders.factory';

@Module({
  imports: [IssuesModule, SectionsModule, ArticlesModule, ContributorsModule, ReferencesModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}
