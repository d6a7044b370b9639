import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FlowsModule } from '../flows/flows.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ imports: [CatalogModule, FlowsModule], controllers: [CasesController], providers: [CasesService] })
export class CasesModule {}
