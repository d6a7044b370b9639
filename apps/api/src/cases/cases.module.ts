import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { FlowsModule } from '../flows/flows.module';
import { MaterialsModule } from '../materials/materials.module';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({ imports: [CatalogModule, FlowsModule, MaterialsModule], controllers: [CasesController], providers: [CasesService], exports: [CasesService] })
export class CasesModule {}
