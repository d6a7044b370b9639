import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FlowsModule } from '../flows/flows.module';
import { HallController } from './hall.controller';
import { HallService } from './hall.service';

@Module({ imports: [CatalogModule, FlowsModule], controllers: [HallController], providers: [HallService] })
export class HallModule {}
