import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { FeedDocument, FeedsService } from './feeds.service';

/** Public, read-only documents; caching headers and 304s come from the publicContent middleware (FeedsModule). */
@Controller()
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get('feeds/:file')
  async issues(@Param('file') file: string, @Res() res: Response): Promise<void> {
    send(res, await this.feeds.issuesFeed(file));
  }

  @Get('feeds/issues/:file')
  async issue(@Param('file') file: string, @Res() res: Response): Promise<void> {
    send(res, await this.feeds.issueFeed(file));
  }

  @Get('sitemap.xml')
  async sitemap(@Res() res: Response): Promise<void> {
    send(res, await this.feeds.sitemap());
  }
}

function send(res: Response, document: FeedDocument | null): void {
  if (!document) throw new NotFoundException('no such feed');
  res.type(document.contentType).send(document.body);
}
