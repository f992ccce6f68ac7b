import { Module } from '@nestjs/common';
import { REVISION_RESOLVERS } from './revisions.resolvers';

@Module({
  providers: [...REVISION_RESOLVERS],
})
export class RevisionsModule {}
