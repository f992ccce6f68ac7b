import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { SectionEntity } from './section.entity';
import { SectionModel, toSectionModel } from './section.model';

/** Sections are reached only through a published issue or article, so no status check is needed here. */
@Injectable()
export class SectionsService {
  constructor(@InjectRepository(SectionEntity) private readonly sections: Repository<SectionEntity>) {}

  async byIssueIds(issueIds: readonly string[]): Promise<SectionModel[]> {
    const rows = await this.sections.find({ where: { issueId: In([...issueIds]) }, order: { number: 'ASC' } });
    return rows.map(toSectionModel);
  }

  async byIds(ids: readonly string[]): Promise<SectionModel[]> {
    const rows = await this.sections.findBy({ id: In([...ids]) });
    return rows.map(toSectionModel);
  }
}
