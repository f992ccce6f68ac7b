import { Module } from '@nestjs/common';
import { IssueImporter } from './issue-importer.service';
import { SampleSeeder } from './sample.seeder';

@Module({
  providers: [IssueImporter, SampleSeeder],
  exports: [IssueImporter, SampleSeeder],
})
export class ContentModule {}
