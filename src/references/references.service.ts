import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ReferenceEntity } from './reference.entity';
import { ReferenceModel, toReferenceModel } from './reference.model';

export type OwnedReference = ReferenceModel & { articleId: string };

@Injectable()
export class ReferencesService {
  constructor(@InjectRepository(ReferenceEntity) private readonly references: Repository<ReferenceEntity>) {}

  async byArticleIds(articleIds: readonly string[]): Promise<OwnedReference[]> {
    const rows = await this.references.find({ where: { articleId: In([...articleIds]) }, order: { position: 'ASC' } });
    return rows.map((r) => Object.assign(toReferenceModel(r), { articleId: r.articleId }));
  }
}
