import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';

@Module({ imports: [CatalogModule], controllers: [FlowsController], providers: [FlowsService], exports: [FlowsService] })
export class FlowsModule {}
