import { Module } from '@nestjs/common';
import { DisclosureController } from './disclosure.controller';
import { DisclosureService } from './disclosure.service';

/** 政务公开: policy documents, search, key-area columns, public comment, interpretations, feedback. */
@Module({
  controllers: [DisclosureController],
  providers: [DisclosureService],
})
export class DisclosureModule {}
