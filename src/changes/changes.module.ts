import { Module } from '@nestjs/common';
import { CHANGES_RESOLVERS } from './changes.resolvers';
import { ChangesService } from './changes.service';

@Module({
  providers: [ChangesService, ...CHANGES_RESOLVERS],
  exports: [ChangesService],
})
export class ChangesModule {}
