import { Module } from '@nestjs/common';
import { FormsController } from './forms.controller';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({ controllers: [MaterialsController, FormsController], providers: [MaterialsService], exports: [MaterialsService] })
export class MaterialsModule {}
