import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({ imports: [CasesModule], controllers: [DocumentsController], providers: [DocumentsService] })
export class DocumentsModule {}
