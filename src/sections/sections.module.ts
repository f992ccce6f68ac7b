import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SectionEntity } from './section.entity';
import { SectionsResolver } from './sections.resolver';
import { SectionsService } from './sections.service';

@Module({
  imports: [TypeOrmModule.forFeature([SectionEntity])],
  providers: [SectionsService, SectionsResolver],
  exports: [SectionsService],
})
export class SectionsModule {}
