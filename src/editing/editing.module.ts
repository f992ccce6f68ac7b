import { Module } from '@nestjs/common';
import { EDITING_RESOLVERS } from './editing.resolvers';

@Module({
  providers: [...EDITING_RESOLVERS],
})
export class EditingModule {}
