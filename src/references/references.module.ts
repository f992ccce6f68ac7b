import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceEntity } from './reference.entity';
import { ReferencesService } from './references.service';

/** References are read only through Article.references, so this module has no resolver. */
@Module({
  imports: [TypeOrmModule.forFeature([ReferenceEntity])],
  providers: [ReferencesService],
  exports: [ReferencesService],
})
export class ReferencesModule {}
