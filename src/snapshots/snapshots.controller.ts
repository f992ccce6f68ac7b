import { Controller, Get, Header, Param, UseFilters } from '@nestjs/common';
import { SnapshotErrorFilter } from './snapshot-error.filter';
import { SnapshotExporter } from './snapshot-exporter.service';

// Set explicitly: mirrors and caches key on it, and the body is mostly Chinese text.
const JSON_UTF8 = 'application/json; charset=utf-8';

/** Public, read-only snapshot exports: only PUBLISHED content, as the public GraphQL API shows it. */
@Controller('export')
@UseFilters(SnapshotErrorFilter)
export class SnapshotsController {
  constructor(private readonly exporter: SnapshotExporter) {}

  @Get('all.json')
  @Header('Content-Type', JSON_UTF8)
  all() {
    return this.exporter.exportAll();
  }

  @Get('issues/:slug.json')
  @Header('Content-Type', JSON_UTF8)
  issue(@Param('slug') slug: string) {
    return this.exporter.exportIssue(slug);
  }
}
