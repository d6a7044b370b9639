import { DisclosureRequestsRepository } from '#persistence';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DisclosureRequestsController } from './disclosure-requests.controller';
import { DisclosureRequestsService } from './disclosure-requests.service';

@Module({
  controllers: [DisclosureRequestsController],
  providers: [
    { provide: DisclosureRequestsRepository, useFactory: (dataSource: DataSource) => new DisclosureRequestsRepository(dataSource), inject: [DataSource] },
    DisclosureRequestsService,
  ],
})
export class DisclosureRequestsModule {}
