import { Module } from '@nestjs/common';
import { CatalogChangesController } from './catalog-changes.controller';
import { CatalogChangesService } from './catalog-changes.service';
import { CatalogService } from './catalog.service';
import { ItemsController } from './items.controller';

@Module({
  controllers: [ItemsController, CatalogChangesController],
  providers: [CatalogService, CatalogChangesService],
  exports: [CatalogService],
})
export class CatalogModule {}
